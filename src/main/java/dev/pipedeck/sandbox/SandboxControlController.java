package dev.pipedeck.sandbox;

import java.time.Duration;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin page of the sandbox: see it, and make it misbehave. Every action goes back to the page. */
@Controller
@RequestMapping("/admin/sandbox")
class SandboxControlController {

    private static final String PAGE = "redirect:/admin/sandbox";

    private final SandboxControl control;

    SandboxControlController(SandboxControl control) {
        this.control = control;
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("sandbox", control.status());
        return "sandbox/control";
    }

    @PostMapping("/latency")
    String latency(@RequestParam(defaultValue = "-1") long millis, RedirectAttributes flash) {
        return act(flash, () -> control.setLatency(Duration.ofMillis(millis)),
                millis == 0 ? "Answers come without added latency." : "Every answer now waits " + millis + " ms.");
    }

    @PostMapping("/server-errors")
    String serverErrors(@RequestParam(defaultValue = "-1") int count, RedirectAttributes flash) {
        return act(flash, () -> control.burstServerErrors(count), "The next " + count + " requests answer 503.");
    }

    @PostMapping("/rate-limits")
    String rateLimits(@RequestParam(defaultValue = "-1") int count, RedirectAttributes flash) {
        return act(flash, () -> control.burstRateLimited(count), "The next " + count + " requests answer 429.");
    }

    @PostMapping("/staging/idle")
    String stagingIdle(RedirectAttributes flash) {
        return act(flash, control::makeStagingIdle, "The staging service is idle: its ClickPipes calls answer 424.");
    }

    @PostMapping("/staging/wake")
    String stagingWake(RedirectAttributes flash) {
        return act(flash, control::wakeStaging, "The staging service is waking up.");
    }

    @PostMapping("/hostile")
    String hostile(@RequestParam(defaultValue = "false") boolean on, RedirectAttributes flash) {
        return act(flash, () -> control.setHostileStrings(on),
                on ? "Hostile strings are on: pipe names and error messages carry markup." : "Hostile strings are off.");
    }

    @PostMapping("/reset")
    String reset(RedirectAttributes flash) {
        return act(flash, control::reset, "The sandbox is back to its initial state.");
    }

    @PostMapping("/stats/reset")
    String resetStats(RedirectAttributes flash) {
        return act(flash, control::resetStats, "Request counts start afresh.");
    }

    private static String act(RedirectAttributes flash, Runnable action, String done) {
        try {
            action.run();
            flash.addFlashAttribute("success", done);
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return PAGE;
    }
}
