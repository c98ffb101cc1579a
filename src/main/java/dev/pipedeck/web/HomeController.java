package dev.pipedeck.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: where a team starts its day. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "home";
    }
}
