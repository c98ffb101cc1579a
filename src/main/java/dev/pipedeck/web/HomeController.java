package dev.pipedeck.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.pipedeck.pipes.Dashboard;

/** The home page: the dashboard of every connected organization's services and their pipes, fetched in parallel. */
@Controller
class HomeController {

    private final Dashboard dashboard;

    HomeController(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("organizations", dashboard.overview());
        return "home";
    }
}
