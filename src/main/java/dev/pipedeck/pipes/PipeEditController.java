package dev.pipedeck.pipes;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pipe edit page: rename, replace credentials, change table mappings (as a job with its own progress page). Thin:
 * {@link PipeEditor} decides, checks and audits.
 */
@Controller
@RequestMapping("/organizations/{organizationId}/services/{serviceId}/pipes/{pipeId}/edit")
class PipeEditController {

    private final PipeEditor editor;

    PipeEditController(PipeEditor editor) {
        this.editor = editor;
    }

    @GetMapping
    String page(@PathVariable String organizationId, @PathVariable String serviceId, @PathVariable String pipeId,
            Model model) {
        PipeRef ref = new PipeRef(organizationId, serviceId, pipeId);
        show(ref, model);
        return "pipes/edit";
    }

    @PostMapping("/name")
    String rename(@PathVariable String organizationId, @PathVariable String serviceId, @PathVariable String pipeId,
            @ModelAttribute("renameForm") RenameForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        PipeRef ref = new PipeRef(organizationId, serviceId, pipeId);
        EditOutcome outcome = editor.rename(ref, form);
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("success", outcome.message());
            return "redirect:" + ref.path() + "/edit";
        }
        return again(ref, outcome, result, model, "name");
    }

    @PostMapping("/credentials")
    String replaceCredentials(@PathVariable String organizationId, @PathVariable String serviceId,
            @PathVariable String pipeId, @ModelAttribute("credentialsForm") CredentialsForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        PipeRef ref = new PipeRef(organizationId, serviceId, pipeId);
        EditOutcome outcome = editor.replaceCredentials(ref, form);
        form.forgetSecrets();
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("success", outcome.message());
            return "redirect:" + ref.path() + "/edit";
        }
        return again(ref, outcome, result, model, "credentials");
    }

    /** Starts a table mapping change; {@code addRow} (the no-JavaScript "Add row" button) only adds a blank row. */
    @PostMapping("/mappings")
    String changeTableMappings(@PathVariable String organizationId, @PathVariable String serviceId,
            @PathVariable String pipeId, @ModelAttribute("mappingsForm") TableMappingsForm form, BindingResult result,
            @RequestParam(value = "addRow", required = false) String addRow, Model model) {
        PipeRef ref = new PipeRef(organizationId, serviceId, pipeId);
        if (addRow != null) {
            form.tidyRows();
            form.addBlankRow();
            show(ref, model);
            return "pipes/edit";
        }
        EditOutcome outcome = editor.changeTableMappings(ref, form);
        if (outcome.jobId() != null) {
            return "redirect:" + ref.path() + "/edit/jobs/" + outcome.jobId();
        }
        form.tidyRows();
        return again(ref, outcome, result, model, "mappings");
    }

    /** The progress of a table mapping change; to HTMX just the steps (polled while it runs). */
    @GetMapping("/jobs/{jobId}")
    String job(@PathVariable String organizationId, @PathVariable String serviceId, @PathVariable String pipeId,
            @PathVariable String jobId, @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        PipeRef ref = new PipeRef(organizationId, serviceId, pipeId);
        if (htmx != null) {
            model.addAttribute("job", editor.job(ref, jobId).orElseThrow(PipeEditController::noSuchJob));
            return "pipes/edit-job :: progress";
        }
        PipeEditor.JobPage page = editor.jobPage(ref, jobId).orElseThrow(PipeEditController::noSuchJob);
        model.addAttribute("jobPage", page);
        model.addAttribute("job", page.job());
        return "pipes/edit-job";
    }

    private void show(PipeRef ref, Model model) {
        PipeEditPage page = editor.page(ref);
        model.addAttribute("page", page);
        if (!model.containsAttribute("renameForm")) {
            RenameForm rename = new RenameForm();
            rename.setName(page.pipe() == null ? "" : page.pipe().name());
            model.addAttribute("renameForm", rename);
        }
        if (!model.containsAttribute("credentialsForm")) {
            model.addAttribute("credentialsForm", new CredentialsForm());
        }
        if (!model.containsAttribute("mappingsForm")) {
            model.addAttribute("mappingsForm", TableMappingsForm.blank());
        }
    }

    /** The page again, with the user's input, the reasons next to the fields, and any conflict or upstream problem. */
    private String again(PipeRef ref, EditOutcome outcome, BindingResult result, Model model, String form) {
        outcome.problems().fields().forEach((field, message) -> result.rejectValue(field, "rule", message));
        outcome.problems().globals().forEach(message -> result.reject("rule", message));
        model.addAttribute("outcomeFor", form);
        model.addAttribute("conflict", outcome.conflict());
        model.addAttribute("failure", outcome.problem());
        show(ref, model);
        return "pipes/edit";
    }

    private static ResponseStatusException noSuchJob() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No such table mapping change of this pipe (finished changes are deleted after a while, and only "
                        + "their starter and admins see them).");
    }
}
