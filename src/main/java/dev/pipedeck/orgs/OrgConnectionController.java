package dev.pipedeck.orgs;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.pipedeck.cloud.CloudProblem;

/** Organization connection pages: everyone reads them, admins add, edit, verify and delete. */
@Controller
@RequestMapping("/organizations")
class OrgConnectionController {

    private final OrgConnectionService connections;
    private final SandboxConnector sandbox;

    OrgConnectionController(OrgConnectionService connections, SandboxConnector sandbox) {
        this.connections = connections;
        this.sandbox = sandbox;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("connections", connections.list());
        return "orgs/list";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        model.addAttribute("form", new ConnectionForm());
        model.addAttribute("editing", false);
        return "orgs/form";
    }

    @PostMapping
    String create(@ModelAttribute("form") ConnectionForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        SaveOutcome outcome = connections.create(form);
        if (outcome.isSaved()) {
            return savedRedirect(outcome, redirect, "Connected");
        }
        return formAgain(form, result, outcome, model, false);
    }

    @GetMapping("/{organizationId}")
    String detail(@PathVariable String organizationId, Model model) {
        model.addAttribute("view", connections.services(organizationId));
        return "orgs/detail";
    }

    /** The key's health, loaded lazily (it asks ClickHouse Cloud) by the list and detail pages. */
    @GetMapping("/{organizationId}/health")
    String health(@PathVariable String organizationId, Model model) {
        model.addAttribute("health", connections.keyHealth(connections.get(organizationId)));
        return "orgs/health :: health";
    }

    @GetMapping("/{organizationId}/edit")
    String editForm(@PathVariable String organizationId, Model model) {
        OrgConnection connection = connections.get(organizationId);
        if (connection.isManagedByConfig()) {
            throw new ConnectionManagedByConfigException(organizationId);
        }
        model.addAttribute("form", ConnectionForm.of(connection));
        model.addAttribute("connection", connection);
        model.addAttribute("editing", true);
        return "orgs/form";
    }

    @PostMapping("/{organizationId}")
    String update(@PathVariable String organizationId, @ModelAttribute("form") ConnectionForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        SaveOutcome outcome = connections.update(organizationId, form);
        if (outcome.isSaved()) {
            return savedRedirect(outcome, redirect, "Saved");
        }
        model.addAttribute("connection", connections.get(organizationId));
        return formAgain(form, result, outcome, model, true);
    }

    @PostMapping("/sandbox")
    String connectSandbox(RedirectAttributes redirect) {
        OrgConnection connection = sandbox.connect();
        redirect.addFlashAttribute("success", "Connected the built-in sandbox: a fake ClickHouse Cloud with two services "
                + "and example pipes. Nothing here touches a real cloud account.");
        return "redirect:/organizations/" + connection.getOrganizationId();
    }

    @PostMapping("/{organizationId}/verify")
    String verify(@PathVariable String organizationId, RedirectAttributes redirect) {
        CloudProblem problem = connections.reverify(organizationId);
        if (problem == null) {
            redirect.addFlashAttribute("success", "ClickHouse Cloud accepted the key.");
        } else {
            redirect.addFlashAttribute("error", "ClickHouse Cloud refused the key: " + problem.summary());
        }
        return "redirect:/organizations/" + organizationId;
    }

    @PostMapping("/{organizationId}/delete")
    String delete(@PathVariable String organizationId, RedirectAttributes redirect) {
        OrgConnection connection = connections.get(organizationId);
        connections.delete(organizationId);
        redirect.addFlashAttribute("success", "Connection " + connection.getDisplayName()
                + " deleted. Its pipes keep running in ClickHouse Cloud; Pipedeck no longer manages them.");
        return "redirect:/organizations";
    }

    @ExceptionHandler(ConnectionManagedByConfigException.class)
    String managedByConfig(ConnectionManagedByConfigException e, RedirectAttributes redirect) {
        redirect.addFlashAttribute("error", e.getMessage());
        return "redirect:/organizations";
    }

    private static String savedRedirect(SaveOutcome outcome, RedirectAttributes redirect, String verb) {
        OrgConnection saved = outcome.saved();
        if (outcome.verificationProblem() == null) {
            String name = saved.getOrganizationName() != null ? " (" + saved.getOrganizationName() + ")" : "";
            redirect.addFlashAttribute("success", verb + ": " + saved.getDisplayName() + name
                    + (saved.isVerified() ? ". ClickHouse Cloud accepted the key." : "."));
        } else {
            redirect.addFlashAttribute("error", verb + " without verification: "
                    + outcome.verificationProblem().summary());
        }
        return "redirect:/organizations/" + saved.getOrganizationId();
    }

    private static String formAgain(ConnectionForm form, BindingResult result, SaveOutcome outcome, Model model,
            boolean editing) {
        outcome.fieldErrors().forEach((field, message) -> result.rejectValue(field, "rule", message));
        model.addAttribute("verificationProblem", outcome.verificationProblem());
        model.addAttribute("editing", editing);
        form.setKeySecret("");
        return "orgs/form";
    }
}
