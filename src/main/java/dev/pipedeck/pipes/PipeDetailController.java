package dev.pipedeck.pipes;

import java.time.Instant;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeCommand;
import dev.pipedeck.health.ChartWindow;
import dev.pipedeck.health.PipeHealthPanel;
import dev.pipedeck.health.PipeHealthQueries;
import dev.pipedeck.health.PipeHealthViews;

/**
 * A pipe's page and its live parts: the start/stop toggle (which keeps itself current while the pipe moves between
 * states), resync, the scaling sliders, deletion and the health charts. With HTMX a part answers with its own
 * fragment; without it, a post redirects back to the page with a message. The health charts load after the page
 * unless the URL names their window ({@code ?window=24h}, which the window links use without JavaScript).
 */
@Controller
@RequestMapping("/organizations/{organizationId}/services/{serviceId}/pipes/{pipeId}")
class PipeDetailController {

    private final PipeDetails details;
    private final PipeLifecycle lifecycle;
    private final PipeScalingEditor scaling;
    private final PipeHealthQueries health;
    private final PipeHealthViews healthViews;

    PipeDetailController(PipeDetails details, PipeLifecycle lifecycle, PipeScalingEditor scaling,
            PipeHealthQueries health, PipeHealthViews healthViews) {
        this.details = details;
        this.lifecycle = lifecycle;
        this.scaling = scaling;
        this.health = health;
        this.healthViews = healthViews;
    }

    @ModelAttribute("ref")
    PipeRef ref(@PathVariable String organizationId, @PathVariable String serviceId, @PathVariable String pipeId) {
        return new PipeRef(organizationId, serviceId, pipeId);
    }

    @GetMapping
    String page(@ModelAttribute("ref") PipeRef ref, @RequestParam(required = false) String window, Model model) {
        PipeDetail detail = details.detail(ref);
        model.addAttribute("detail", detail);
        if (detail.found()) {
            model.addAttribute("pipe", detail.pipe());
            model.addAttribute("scaling", ScalingForm.of(detail.pipe()));
            if (window != null) {
                PipeHealthPanel panel = healthViews.panel(ref.pipeId(), ChartWindow.parse(window));
                model.addAttribute("health", panel);
                model.addAttribute("healthBadge", panel.assessment());
            } else {
                model.addAttribute("healthBadge", health.health(ref.pipeId()));
            }
        }
        return "pipes/detail";
    }

    /** The health section (badge, reason, charts) over {@code window}: 1h, 24h or 7d. */
    @GetMapping("/health")
    String health(@ModelAttribute("ref") PipeRef ref, @RequestParam(required = false) String window, Model model) {
        model.addAttribute("health", healthViews.panel(ref.pipeId(), ChartWindow.parse(window)));
        return "pipes/detail :: health";
    }

    /** The state and toggle, polled while the pipe is in a transient state. */
    @GetMapping("/state")
    String state(@ModelAttribute("ref") PipeRef ref, Model model) {
        return stateFragment(details.current(ref), model);
    }

    @PostMapping("/state")
    String command(@ModelAttribute("ref") PipeRef ref, @RequestParam String command,
            @RequestParam(required = false) Instant seenUpdatedAt,
            @RequestHeader(value = "HX-Request", required = false) String htmx, Model model,
            RedirectAttributes redirect) {
        ClickPipeCommand wanted = switch (command) {
            case "start" -> ClickPipeCommand.START;
            case "stop" -> ClickPipeCommand.STOP;
            case "resync" -> ClickPipeCommand.RESYNC;
            default -> null;
        };
        if (wanted == null) {
            redirect.addFlashAttribute("error", "Unknown command: use start, stop or resync.");
            return "redirect:" + ref.path();
        }
        ChangeOutcome<ClickPipe> outcome = lifecycle.command(ref, wanted, seenUpdatedAt);
        if (htmx == null) {
            flash(redirect, outcome, wanted);
            return "redirect:" + ref.path();
        }
        model.addAttribute("outcome", outcome);
        return stateFragment(outcome.succeeded() && outcome.value() != null
                ? new PipeReading(PipeView.of(outcome.value()), null)
                : outcome.isConflict() ? new PipeReading(PipeView.of(outcome.current()), null) : details.current(ref),
                model);
    }

    private static String stateFragment(PipeReading reading, Model model) {
        if (!reading.found()) {
            model.addAttribute("readProblem", reading.problem());
            return "pipes/detail :: stateUnavailable";
        }
        model.addAttribute("pipe", reading.pipe());
        return "pipes/detail :: state";
    }

    @PostMapping("/scaling")
    String scale(@ModelAttribute("ref") PipeRef ref, @ModelAttribute("scaling") ScalingForm form,
            @RequestHeader(value = "HX-Request", required = false) String htmx, Model model,
            RedirectAttributes redirect) {
        ScalingChange change = scaling.apply(ref, form);
        if (htmx == null && !change.refused() && (change.outcome() == null || change.outcome().succeeded())) {
            redirect.addFlashAttribute("success", change.nothingChanged() ? "Scaling unchanged: nothing to apply."
                    : "Scaling applied: " + change.summary() + ".");
            return "redirect:" + ref.path();
        }
        ChangeOutcome<ClickPipe> outcome = change.outcome();
        PipeReading reading = outcome != null && outcome.succeeded() ? new PipeReading(PipeView.of(outcome.value()), null)
                : outcome != null && outcome.isConflict() ? new PipeReading(PipeView.of(outcome.current()), null)
                : details.current(ref);
        if (!reading.found()) {
            if (htmx != null) {
                model.addAttribute("change", change);
                model.addAttribute("readProblem", reading.problem());
                return "pipes/detail :: scalingUnavailable";
            }
            redirect.addFlashAttribute("error", "Scaling was not applied: " + reading.problem().summary());
            return "redirect:" + ref.path();
        }
        PipeView pipe = reading.pipe();
        if (outcome != null && outcome.isConflict()) {
            form.setSeenUpdatedAt(pipe.pipe().updatedAt()); // applying again overwrites, knowingly
        } else if (outcome != null && outcome.succeeded()) {
            model.addAttribute("scaling", ScalingForm.of(pipe));
        }
        model.addAttribute("pipe", pipe);
        model.addAttribute("change", change);
        if (htmx != null) {
            return "pipes/detail :: scaling";
        }
        PipeDetail detail = details.detail(ref);
        model.addAttribute("detail", detail);
        return "pipes/detail";
    }

    @GetMapping("/delete")
    String confirmDelete(@ModelAttribute("ref") PipeRef ref, Model model) {
        model.addAttribute("detail", details.detail(ref));
        return "pipes/delete";
    }

    @PostMapping("/delete")
    String delete(@ModelAttribute("ref") PipeRef ref, @RequestParam(defaultValue = "") String confirmName,
            Model model, RedirectAttributes redirect) {
        ChangeOutcome<Void> outcome = lifecycle.delete(ref, confirmName);
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("success", "Deleted pipe " + confirmName
                    + ". Its destination tables were not deleted.");
            return "redirect:" + ref.service().path() + "/pipes";
        }
        model.addAttribute("detail", details.detail(ref));
        model.addAttribute("confirmName", confirmName);
        model.addAttribute("outcome", outcome);
        return "pipes/delete";
    }

    private static void flash(RedirectAttributes redirect, ChangeOutcome<ClickPipe> outcome, ClickPipeCommand command) {
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("success", switch (command) {
                case START -> "Starting the pipe.";
                case STOP -> "Stopping the pipe.";
                case RESYNC -> "Resync started: the pipe copies its tables again, then carries on replicating.";
            });
        } else if (outcome.isConflict()) {
            redirect.addFlashAttribute("error", "Someone changed this pipe since you loaded the page (it is now "
                    + PipeView.of(outcome.current()).stateLabel() + "). Nothing was sent; check and try again.");
        } else {
            redirect.addFlashAttribute("error", outcome.problem().summary());
        }
    }
}
