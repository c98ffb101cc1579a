package dev.pipedeck.alerts;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Notification channel pages: everyone sees names, kinds and hosts; admins add, change, test and delete. */
@Controller
@RequestMapping("/alerts/channels")
class AlertChannelController {

    private final ChannelAdministration channels;

    AlertChannelController(ChannelAdministration channels) {
        this.channels = channels;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("channels", channels.list());
        model.addAttribute("emailAvailable", channels.emailAvailable());
        return "alerts/channels";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        return form(new ChannelForm(), null, model);
    }

    @PostMapping
    String create(@ModelAttribute("form") ChannelForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        AlertSaveOutcome outcome = channels.create(form);
        if (outcome.isSaved()) {
            redirect.addFlashAttribute("success", "Channel " + ChannelForm.trimmed(form.getName())
                    + " added. Send it a test notification to check it works.");
            return "redirect:/alerts/channels";
        }
        outcome.problems().forEach((field, message) -> result.rejectValue(field, "rule", message));
        return form(form, null, model);
    }

    @GetMapping("/{id}/edit")
    String editForm(@PathVariable long id, Model model) {
        AlertChannel channel = channels.get(id);
        return form(ChannelForm.of(channel), channel, model);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") ChannelForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        AlertSaveOutcome outcome = channels.update(id, form);
        if (outcome.isSaved()) {
            redirect.addFlashAttribute("success", "Channel " + ChannelForm.trimmed(form.getName()) + " saved.");
            return "redirect:/alerts/channels";
        }
        outcome.problems().forEach((field, message) -> result.rejectValue(field, "rule", message));
        return form(form, channels.get(id), model);
    }

    @PostMapping("/{id}/test")
    String test(@PathVariable long id, RedirectAttributes redirect) {
        AlertChannel channel = channels.get(id);
        DeliveryResult result = channels.sendTest(id);
        if (result.delivered()) {
            redirect.addFlashAttribute("success", "Test notification sent to " + channel.name() + " ("
                    + result.detail() + ").");
        } else {
            redirect.addFlashAttribute("error", "The test notification to " + channel.name() + " failed: "
                    + result.detail());
        }
        return "redirect:/alerts/channels";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        AlertChannel channel = channels.get(id);
        channels.delete(id);
        redirect.addFlashAttribute("success", "Channel " + channel.name() + " deleted.");
        return "redirect:/alerts/channels";
    }

    private String form(ChannelForm form, AlertChannel channel, Model model) {
        form.setUrl("");
        form.setHeaderValue("");
        model.addAttribute("form", form);
        model.addAttribute("channel", channel);
        model.addAttribute("editing", channel != null);
        model.addAttribute("kinds", ChannelKind.values());
        model.addAttribute("emailAvailable", channels.emailAvailable());
        if (channel != null) {
            model.addAttribute("usedBy", channels.rulesUsing(channel.id()));
        }
        return "alerts/channel-form";
    }
}
