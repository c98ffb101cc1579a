package dev.pipedeck.pipes;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import dev.pipedeck.health.PipeHealthViews;

/**
 * A service's pipes: the list (filters, sort and page in the URL; HTMX swaps only the results), the row a
 * transient pipe polls until it settles (with its health), and the health badges and sparklines of a page's rows,
 * which the page asks for once, after it has loaded.
 */
@Controller
class PipesController {

    private final PipeQueries pipes;
    private final PipeHealthViews health;

    PipesController(PipeQueries pipes, PipeHealthViews health) {
        this.pipes = pipes;
        this.health = health;
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
        model.addAttribute("healthCells", health.cells(List.of(pipeId)));
        return "pipes/list :: liveRow";
    }

    /** Health badge and sparkline of each pipe in {@code ids} (one list page's worth at most), as out-of-band swaps. */
    @GetMapping("/organizations/{organizationId}/services/{serviceId}/pipes/health")
    String health(@PathVariable String organizationId, @PathVariable String serviceId,
            @RequestParam(defaultValue = "") List<String> ids, Model model) {
        List<String> pipeIds = ids.stream().map(String::strip).filter(id -> !id.isEmpty()).distinct()
                .limit(PipeListQuery.PAGE_SIZE).toList();
        model.addAttribute("healthCells", health.cells(pipeIds));
        return "pipes/list :: healthCells";
    }
}
