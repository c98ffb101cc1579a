package dev.pipedeck.pipes;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A service's CDC capacity: the slider, and applying it. */
@Controller
class CdcCapacityController {

    static final String PATH = "/organizations/{organizationId}/services/{serviceId}/cdc-capacity";

    private final CdcCapacity capacity;

    CdcCapacityController(CdcCapacity capacity) {
        this.capacity = capacity;
    }

    @GetMapping(PATH)
    String page(@PathVariable String organizationId, @PathVariable String serviceId, Model model) {
        model.addAttribute("page", capacity.read(new ServiceRef(organizationId, serviceId)));
        return "pipes/cdc-capacity";
    }

    @PostMapping(PATH)
    String apply(@PathVariable String organizationId, @PathVariable String serviceId,
            @RequestParam(required = false) String cores, Model model, RedirectAttributes redirect) {
        CdcCapacityApplied outcome = capacity.apply(new ServiceRef(organizationId, serviceId), cores);
        if (outcome.applied()) {
            redirect.addFlashAttribute("success", outcome.summary());
            return "redirect:" + PATH;
        }
        model.addAttribute("page", outcome.page());
        return "pipes/cdc-capacity";
    }
}
