package dev.pipedeck.pipes;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.pipedeck.health.PipeHealthViews;

/**
 * A service's tile on the dashboard: read on its own (a tile with something settling refreshes itself), and the
 * "Wake service" button of an idle one. Without JavaScript waking redirects to the dashboard with a message; with
 * HTMX it answers the refreshed tile. A tile loads its pipes' health (from the stored metrics) after it shows.
 */
@Controller
class ServiceTileController {

    private static final String TILE = "home :: serviceTile";

    private final Dashboard dashboard;
    private final ServiceWake wake;
    private final PipeHealthViews health;

    ServiceTileController(Dashboard dashboard, ServiceWake wake, PipeHealthViews health) {
        this.dashboard = dashboard;
        this.wake = wake;
        this.health = health;
    }

    @GetMapping("/organizations/{organizationId}/services/{serviceId}/tile")
    String tile(@PathVariable String organizationId, @PathVariable String serviceId, Model model) {
        model.addAttribute("tile", dashboard.tile(new ServiceRef(organizationId, serviceId)));
        return TILE;
    }

    /** The tile's health counts, and its stalled and erroring pipes for its attention list. */
    @GetMapping("/organizations/{organizationId}/services/{serviceId}/tile/health")
    String health(@PathVariable String organizationId, @PathVariable String serviceId, Model model) {
        model.addAttribute("service", new ServiceRef(organizationId, serviceId));
        model.addAttribute("serviceHealth", health.service(organizationId, serviceId));
        return "home :: tileHealth";
    }

    @PostMapping("/organizations/{organizationId}/services/{serviceId}/wake")
    String wake(@PathVariable String organizationId, @PathVariable String serviceId,
            @RequestHeader(value = "HX-Request", required = false) String htmx, Model model,
            RedirectAttributes redirect) {
        ServiceRef service = new ServiceRef(organizationId, serviceId);
        ServiceWake.Woken woken = wake.wake(service);
        String message = woken.succeeded()
                ? "Waking " + woken.serviceName() + ": ClickPipes calls work again once it is running."
                : "Could not wake " + woken.serviceName() + ": " + woken.problem().summary();
        if (htmx != null) {
            model.addAttribute("tile", dashboard.tile(service));
            model.addAttribute(woken.succeeded() ? "tileSuccess" : "tileProblem",
                    woken.succeeded() ? message : woken.problem());
            return TILE;
        }
        redirect.addFlashAttribute(woken.succeeded() ? "success" : "error", message);
        return "redirect:/";
    }
}
