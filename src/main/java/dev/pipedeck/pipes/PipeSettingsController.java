package dev.pipedeck.pipes;

import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A pipe's advanced settings: the form, and applying it. */
@Controller
class PipeSettingsController {

    static final String PATH = "/organizations/{organizationId}/services/{serviceId}/pipes/{pipeId}/settings";

    private final PipeSettingsEditor editor;

    PipeSettingsController(PipeSettingsEditor editor) {
        this.editor = editor;
    }

    @GetMapping(PATH)
    String form(@PathVariable String organizationId, @PathVariable String serviceId, @PathVariable String pipeId,
            Model model) {
        model.addAttribute("page", editor.read(new PipeRef(organizationId, serviceId, pipeId)));
        return "pipes/settings";
    }

    @PostMapping(PATH)
    String apply(@PathVariable String organizationId, @PathVariable String serviceId, @PathVariable String pipeId,
            @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        PipeRef ref = new PipeRef(organizationId, serviceId, pipeId);
        SettingsApplied outcome = editor.apply(ref, form);
        if (outcome.applied()) {
            redirect.addFlashAttribute("success", outcome.summary());
            return "redirect:" + PATH;
        }
        model.addAttribute("page", outcome.page());
        return "pipes/settings";
    }
}
