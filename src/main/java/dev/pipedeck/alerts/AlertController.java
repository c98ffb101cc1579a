package dev.pipedeck.alerts;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The Alerts page: what fires now, what is pending, and the recent history with its deliveries. */
@Controller
class AlertController {

    private final AlertQueries queries;

    AlertController(AlertQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/alerts")
    String alerts(Model model) {
        model.addAttribute("overview", queries.overview());
        return "alerts/list";
    }
}
