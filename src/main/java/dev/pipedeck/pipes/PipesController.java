package dev.pipedeck.pipes;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A service's pipes: the list (filters, sort and page in the URL; HTMX swaps only the results) and the row a
 * transient pipe polls until it settles.
 */
@Controller
class PipesController {

    private final PipeQueries pipes;

    PipesController(PipeQueries pipes) {
        this.pipes = pipes;
    }

    @GetMapping("/organizations/{organizationId}/services/{serviceId}/pipes")
    String list(@PathVariable String organizationId, @PathVariable String serviceId,
            @RequestParam(required = false) String q, @RequestParam(required = false) String state,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir, @RequestParam(required = false) String page,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            @RequestHeader(value = "HX-History-Restore-Request", required = false) String historyRestore,
            Model model, HttpServletResponse response) {
        model.addAttribute("list", pipes.list(new ServiceRef(organizationId, serviceId),
                PipeListQuery.parse(q, state, kind, sort, dir, page)));
        response.addHeader(HttpHeaders.VARY, "HX-Request");
        boolean fragment = "true".equals(htmx) && !"true".equals(historyRestore);
        return fragment ? "pipes/list :: results" : "pipes/list";
    }

    @GetMapping("/organizations/{organizationId}/services/{serviceId}/pipes/{pipeId}/row")
    String row(@PathVariable String organizationId, @PathVariable String serviceId, @PathVariable String pipeId,
            Model model) {
        model.addAttribute("row", pipes.row(new PipeRef(organizationId, serviceId, pipeId)));
        return "pipes/list :: liveRow";
    }
}
