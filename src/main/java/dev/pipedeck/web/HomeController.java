package dev.pipedeck.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.pipedeck.orgs.OrgConnectionService;

/** The home page: every connected organization with its services, fetched in parallel. */
@Controller
class HomeController {

    private final OrgConnectionService connections;

    HomeController(OrgConnectionService connections) {
        this.connections = connections;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("organizations", connections.servicesOfAll());
        return "home";
    }
}
