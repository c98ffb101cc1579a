package dev.pipedeck.wizard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.pipedeck.cloud.clickpipe.ReversePrivateEndpoint;
import dev.pipedeck.orgs.OrgConnectionService;
import dev.pipedeck.pipes.PipeRef;
import dev.pipedeck.pipes.ReversePrivateEndpoints;
import dev.pipedeck.pipes.ServiceRef;

/**
 * The creation wizard's pages: the start page's tiles, one page per step (every post saves what was typed before
 * anything else), field checks as the user leaves a field, the review, Create, Cancel and "Duplicate".
 */
@Controller
@RequestMapping("/organizations/{organizationId}/services/{serviceId}/pipes")
class WizardController {

    private final PipeWizard wizard;
    private final OrgConnectionService connections;
    private final ReversePrivateEndpoints endpoints;

    WizardController(PipeWizard wizard, OrgConnectionService connections, ReversePrivateEndpoints endpoints) {
        this.wizard = wizard;
        this.connections = connections;
        this.endpoints = endpoints;
    }

    @GetMapping("/new")
    String start(@PathVariable String organizationId, @PathVariable String serviceId, Model model) {
        model.addAttribute("connection", connections.get(organizationId));
        model.addAttribute("serviceId", serviceId);
        model.addAttribute("serviceName", wizard.serviceName(new ServiceRef(organizationId, serviceId)));
        model.addAttribute("tiles", wizard.tiles());
        return "wizard/start";
    }

    @PostMapping("/new")
    String begin(@PathVariable String organizationId, @PathVariable String serviceId, @RequestParam String kind,
            @RequestParam(required = false) String type) {
        WizardDraft draft = wizard.start(new ServiceRef(organizationId, serviceId), kind, type);
        return "redirect:" + stepPath(draft, WizardStep.CONNECTION);
    }

    @PostMapping("/{pipeId}/duplicate")
    String duplicate(@PathVariable String organizationId, @PathVariable String serviceId, @PathVariable String pipeId,
            RedirectAttributes redirect) {
        PipeRef pipe = new PipeRef(organizationId, serviceId, pipeId);
        try {
            WizardDraft draft = wizard.duplicate(pipe);
            redirect.addFlashAttribute("success", "A new wizard, filled in from the pipe. Secrets are not copied: "
                    + "type them again.");
            return "redirect:" + stepPath(draft, WizardStep.CONNECTION);
        } catch (IllegalArgumentException noWizard) {
            redirect.addFlashAttribute("error", noWizard.getMessage());
        } catch (RuntimeException unreadable) {
            redirect.addFlashAttribute("error", "The pipe could not be read to duplicate it: "
                    + dev.pipedeck.cloud.CloudProblem.of(unreadable).summary());
        }
        return "redirect:" + pipe.path();
    }

    @GetMapping("/new/{draftId}")
    String resume(@PathVariable String organizationId, @PathVariable String serviceId, @PathVariable String draftId) {
        WizardDraft draft = draft(organizationId, serviceId, draftId);
        return "redirect:" + stepPath(draft, draft.step());
    }

    @GetMapping("/new/{draftId}/step/{step}")
    String step(@PathVariable String organizationId, @PathVariable String serviceId, @PathVariable String draftId,
            @PathVariable int step, Model model) {
        WizardDraft draft = draft(organizationId, serviceId, draftId);
        if (step < WizardStep.CONNECTION || step > Math.min(draft.step(), WizardStep.REVIEW)) {
            return "redirect:" + stepPath(draft, Math.min(draft.step(), WizardStep.REVIEW));
        }
        return page(draft, step, Map.of(), null, null, model);
    }

    @PostMapping("/new/{draftId}/step/{step}")
    String submit(@PathVariable String organizationId, @PathVariable String serviceId, @PathVariable String draftId,
            @PathVariable int step, @RequestParam Map<String, String> posted,
            @RequestParam(name = "_action", required = false) String action, Model model) {
        WizardDraft draft = draft(organizationId, serviceId, draftId);
        if (step < WizardStep.CONNECTION || step >= WizardStep.REVIEW) {
            return "redirect:" + stepPath(draft, Math.min(draft.step(), WizardStep.REVIEW));
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, String> plain = new LinkedHashMap<>();
        posted.forEach((name, value) -> (name.startsWith("secret:") ? secrets : plain)
                .put(name.startsWith("secret:") ? name.substring(7) : name, value));
        StepOutcome outcome = wizard.submit(draftId, step, plain, secrets, StepAction.parse(action));
        if (outcome.moved(step)) {
            return "redirect:" + stepPath(outcome.draft(), outcome.nextStep());
        }
        return page(outcome.draft(), step, outcome.errors(), outcome.note(), outcome.problem(), model);
    }

    /** Checks one field as the user leaves it (HTMX): answers its message element, empty when fine. */
    @PostMapping("/new/{draftId}/validate/{step}")
    String validate(@PathVariable String organizationId, @PathVariable String serviceId, @PathVariable String draftId,
            @PathVariable int step, @RequestParam("_field") String field, @RequestParam Map<String, String> posted,
            Model model) {
        draft(organizationId, serviceId, draftId);
        String value = posted.containsKey(field) ? posted.get(field) : posted.get("secret:" + field);
        model.addAttribute("fieldName", field);
        model.addAttribute("fieldError", wizard.fieldError(draftId, step, field, value, posted));
        return "wizard/step :: fieldError";
    }

    @PostMapping("/new/{draftId}/step/{step}/forget/{field}")
    String forgetSecret(@PathVariable String organizationId, @PathVariable String serviceId,
            @PathVariable String draftId, @PathVariable int step, @PathVariable String field) {
        WizardDraft draft = draft(organizationId, serviceId, draftId);
        wizard.forgetSecret(draftId, field);
        return "redirect:" + stepPath(draft, step);
    }

    @PostMapping("/new/{draftId}/create")
    String create(@PathVariable String organizationId, @PathVariable String serviceId, @PathVariable String draftId,
            Model model, RedirectAttributes redirect) {
        WizardDraft draft = draft(organizationId, serviceId, draftId);
        CreateOutcome outcome = wizard.create(draftId);
        if (outcome.created()) {
            redirect.addFlashAttribute("success", outcome.alreadyUnderWay()
                    ? "This pipe was already created from the wizard; here it is."
                    : "Pipe created. It is provisioning now; this page follows it until it runs.");
            return "redirect:" + new ServiceRef(organizationId, serviceId).pipe(outcome.pipeId()).path();
        }
        if (outcome.invalidStep() > 0) {
            return page(wizard.draft(draftId), outcome.invalidStep(), outcome.errors(),
                    "Something on this step needs fixing before the pipe can be created.", null, model);
        }
        model.addAttribute("createProblem", outcome.problem());
        model.addAttribute("underWay", outcome.alreadyUnderWay());
        return page(wizard.draft(draftId), WizardStep.REVIEW, Map.of(), null, null, model);
    }

    @PostMapping("/new/{draftId}/discard")
    String discard(@PathVariable String organizationId, @PathVariable String serviceId, @PathVariable String draftId,
            RedirectAttributes redirect) {
        draft(organizationId, serviceId, draftId);
        wizard.discard(draftId);
        redirect.addFlashAttribute("success", "Wizard cancelled; what was typed into it, secrets included, is gone.");
        return "redirect:" + new ServiceRef(organizationId, serviceId).path() + "/pipes";
    }

    private String page(WizardDraft draft, int step, Map<String, String> errors, String note,
            dev.pipedeck.cloud.CloudProblem problem, Model model) {
        List<WizardStep> steps = wizard.steps(draft);
        model.addAttribute("connection", connections.get(draft.organizationId()));
        model.addAttribute("serviceName", wizard.serviceName(new ServiceRef(draft.organizationId(),
                draft.serviceId())));
        model.addAttribute("sourceLabel", wizard.sourceLabel(draft));
        model.addAttribute("page", new WizardPage(draft, steps, step, errors, wizard.tableMappingFields(draft)));
        model.addAttribute("note", note);
        model.addAttribute("problem", problem);
        if (step == WizardStep.CONNECTION && "kafka".equals(draft.kind())) {
            model.addAttribute("endpointChoices", endpointChoices(draft));
        }
        if (step == WizardStep.REVIEW) {
            WizardReview review = wizard.review(draft.id());
            model.addAttribute("review", review);
            model.addAttribute("curl", review.complete()
                    ? review.curl(ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1").toUriString())
                    : null);
        }
        return "wizard/step";
    }

    /** The service's reverse private endpoints, to pick from (none when they cannot be listed just now). */
    private List<ReversePrivateEndpoint> endpointChoices(WizardDraft draft) {
        try {
            return endpoints.list(new ServiceRef(draft.organizationId(), draft.serviceId()));
        } catch (RuntimeException unavailable) {
            return List.of();
        }
    }

    private WizardDraft draft(String organizationId, String serviceId, String draftId) {
        WizardDraft draft = wizard.draft(draftId);
        if (!draft.organizationId().equals(organizationId) || !draft.serviceId().equals(serviceId)) {
            throw new WizardDraftNotFoundException(draftId);
        }
        return draft;
    }

    static String stepPath(WizardDraft draft, int step) {
        return new ServiceRef(draft.organizationId(), draft.serviceId()).path() + "/pipes/new/" + draft.id()
                + "/step/" + step;
    }
}
