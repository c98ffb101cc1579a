package dev.pipedeck.pipes;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.pipedeck.cloud.clickpipe.CreateReversePrivateEndpoint;
import dev.pipedeck.cloud.clickpipe.ReversePrivateEndpoint;

/** A service's reverse private endpoints: everyone reads the list and each endpoint; operators change them. */
@Controller
@RequestMapping("/organizations/{organizationId}/services/{serviceId}/private-endpoints")
class ReversePrivateEndpointsController {

    private final ReversePrivateEndpoints endpoints;

    ReversePrivateEndpointsController(ReversePrivateEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** The types and MSK authentications the create form offers, as the spec spells them. */
    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("endpointTypes", EndpointType.values());
        model.addAttribute("mskAuthentications", CreateReversePrivateEndpoint.MSK_AUTHENTICATIONS);
    }

    @GetMapping
    String list(@PathVariable String organizationId, @PathVariable String serviceId,
            @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("page", endpoints.page(new ServiceRef(organizationId, serviceId)));
        if (htmx != null) {
            return "pipes/private-endpoints :: endpoints";
        }
        model.addAttribute("form", NewEndpointForm.blank());
        return "pipes/private-endpoints";
    }

    @PostMapping
    String create(@PathVariable String organizationId, @PathVariable String serviceId,
            @ModelAttribute("form") NewEndpointForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        ServiceRef service = new ServiceRef(organizationId, serviceId);
        EndpointChange change = endpoints.create(service, form);
        if (change.succeeded()) {
            ReversePrivateEndpoint created = change.endpoint();
            redirect.addFlashAttribute("success", "Created " + describe(created) + ". It is "
                    + created.status() + "; the list shows when it is Ready.");
            return "redirect:" + service.path() + "/private-endpoints";
        }
        change.fieldErrors().forEach((field, message) -> result.rejectValue(field, "rule", message));
        model.addAttribute("createProblem", change.problem());
        model.addAttribute("page", endpoints.page(service));
        form.withBlankRows();
        return "pipes/private-endpoints";
    }

    @GetMapping("/{endpointId}")
    String detail(@PathVariable String organizationId, @PathVariable String serviceId,
            @PathVariable String endpointId, Model model) {
        EndpointDetail detail = endpoints.detail(new ServiceRef(organizationId, serviceId), endpointId);
        model.addAttribute("detail", detail);
        if (detail.endpoint() != null) {
            model.addAttribute("form", DnsNamesForm.of(detail.endpoint().customDnsNames()));
        }
        return "pipes/private-endpoint";
    }

    @PostMapping("/{endpointId}/dns")
    String updateDns(@PathVariable String organizationId, @PathVariable String serviceId,
            @PathVariable String endpointId, @ModelAttribute("form") DnsNamesForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        ServiceRef service = new ServiceRef(organizationId, serviceId);
        EndpointChange change = endpoints.updateDnsNames(service, endpointId, form);
        if (change.succeeded()) {
            redirect.addFlashAttribute("success", "Saved the custom private DNS names of "
                    + describe(change.endpoint()) + ".");
            return "redirect:" + service.path() + "/private-endpoints/" + endpointId;
        }
        change.fieldErrors().forEach((field, message) -> result.rejectValue(field, "rule", message));
        model.addAttribute("problem", change.problem());
        model.addAttribute("conflict", change.currentNames());
        if (change.isConflict()) {
            form.setSeenNames(String.join(" ", change.currentNames()));
        }
        model.addAttribute("detail", endpoints.detail(service, endpointId));
        form.withBlankRows();
        return "pipes/private-endpoint";
    }

    @PostMapping("/{endpointId}/delete")
    String delete(@PathVariable String organizationId, @PathVariable String serviceId,
            @PathVariable String endpointId, RedirectAttributes redirect) {
        ServiceRef service = new ServiceRef(organizationId, serviceId);
        ChangeOutcome<Void> outcome = endpoints.delete(service, endpointId);
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("success", "Deleting reverse private endpoint " + endpointId
                    + ". Pipes that used it can no longer reach their source through it.");
        } else {
            redirect.addFlashAttribute("deleteProblem", outcome.problem());
        }
        return "redirect:" + service.path() + "/private-endpoints";
    }

    private static String describe(ReversePrivateEndpoint endpoint) {
        return endpoint.description() != null && !endpoint.description().isBlank()
                ? "“" + endpoint.description() + "”" : "endpoint " + endpoint.id();
    }
}
