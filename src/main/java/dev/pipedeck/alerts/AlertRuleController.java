package dev.pipedeck.alerts;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.pipedeck.health.PipeHealth;
import dev.pipedeck.orgs.OrgConnectionService;

/** Alert rule pages: everyone reads them, admins change them. */
@Controller
@RequestMapping("/alerts/rules")
class AlertRuleController {

    private static final List<PipeHealth> FIRING_STATES = List.of(PipeHealth.STALLED, PipeHealth.ERRORING,
            PipeHealth.FAILED, PipeHealth.UNKNOWN);

    private final RuleAdministration rules;
    private final ChannelAdministration channels;
    private final AlertQueries queries;
    private final OrgConnectionService organizations;

    AlertRuleController(RuleAdministration rules, ChannelAdministration channels, AlertQueries queries,
            OrgConnectionService organizations) {
        this.rules = rules;
        this.channels = channels;
        this.queries = queries;
        this.organizations = organizations;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("rules", rules.list());
        model.addAttribute("channelNames", rules.channelNames());
        return "alerts/rules";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        return form(new RuleForm(), null, model);
    }

    @PostMapping
    String create(@ModelAttribute("form") RuleForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        AlertSaveOutcome outcome = rules.create(form);
        if (outcome.isSaved()) {
            redirect.addFlashAttribute("success", "Rule " + RuleForm.trimmed(form.getName()) + " created.");
            return "redirect:/alerts/rules";
        }
        outcome.problems().forEach((field, message) -> result.rejectValue(field, "rule", message));
        return form(form, null, model);
    }

    @GetMapping("/{id}/edit")
    String editForm(@PathVariable long id, Model model) {
        AlertRule rule = rules.get(id);
        return form(RuleForm.of(rule), rule, model);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") RuleForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        AlertSaveOutcome outcome = rules.update(id, form);
        if (outcome.isSaved()) {
            redirect.addFlashAttribute("success", "Rule " + RuleForm.trimmed(form.getName()) + " saved.");
            return "redirect:/alerts/rules";
        }
        outcome.problems().forEach((field, message) -> result.rejectValue(field, "rule", message));
        return form(form, rules.get(id), model);
    }

    @PostMapping("/{id}/enabled")
    String enabled(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        AlertRule rule = rules.get(id);
        rules.setEnabled(id, enabled);
        redirect.addFlashAttribute("success", "Rule " + rule.name() + (enabled ? " enabled." : " disabled."));
        return "redirect:/alerts/rules";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        AlertRule rule = rules.get(id);
        rules.delete(id);
        redirect.addFlashAttribute("success", "Rule " + rule.name() + " deleted. Its alert history stays.");
        return "redirect:/alerts/rules";
    }

    private String form(RuleForm form, AlertRule rule, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("rule", rule);
        model.addAttribute("editing", rule != null);
        model.addAttribute("scopes", RuleScope.values());
        model.addAttribute("firingStates", FIRING_STATES);
        model.addAttribute("channels", channels.list());
        model.addAttribute("organizations", organizations.list());
        model.addAttribute("knownPipes", queries.knownPipes());
        return "alerts/rule-form";
    }
}
