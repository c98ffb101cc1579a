package dev.pipedeck.pipes;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A service's pipes (read-only for now: the management pages are the next milestone). */
@Controller
class PipesController {

    private final PipeQueries pipes;

    PipesController(PipeQueries pipes) {
        this.pipes = pipes;
    }

    @GetMapping("/organizations/{organizationId}/services/{serviceId}/pipes")
    String list(@PathVariable String organizationId, @PathVariable String serviceId, Model model) {
        model.addAttribute("list", pipes.list(organizationId, serviceId));
        return "pipes/list";
    }
}
