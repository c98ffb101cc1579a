package dev.pipedeck.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.pipedeck.health.HealthAssessment;
import dev.pipedeck.health.HealthProperties;
import dev.pipedeck.health.MetricsScraped;
import dev.pipedeck.health.PipeHealth;
import dev.pipedeck.health.PipeMetricStore;
import dev.pipedeck.health.SeenPipe;

/**
 * Evaluates the enabled rules against the stored pipe history, after each metrics scrape and on
 * {@code pipedeck.alerts.evaluate-interval}. Per (rule, pipe): a firing state opens a pending alert; once it held for
 * the rule's "for" the alert fires; while it fires it is sent again every repeat interval; when the state is over it
 * is resolved (a pending one is dropped). A pipe whose health turned unknown (no fresh metrics) keeps its alert as it
 * is, unless the rule fires on unknown; an alert whose pipe has not been reported for {@link #FORGET_PIPES_AFTER}, or
 * whose rule no longer watches it, is resolved. Holds no state of its own: everything is in the database, so any
 * instance, or a restarted one, carries on where the last evaluation left off.
 */
@Component
public class AlertEvaluator {

    /** A pipe the metrics have not mentioned for this long is no longer evaluated. */
    static final Duration FORGET_PIPES_AFTER = Duration.ofHours(24);

    /** Extra history read before the assessment's windows, as the pipe page reads it. */
    private static final Duration SLACK = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

    private final AlertRules rules;
    private final StoredAlerts alerts;
    private final AlertTransitions transitions;
    private final PipeMetricStore metrics;
    private final HealthProperties health;
    private final AlertProperties properties;
    private final Clock clock;

    public AlertEvaluator(AlertRules rules, StoredAlerts alerts, AlertTransitions transitions, PipeMetricStore metrics,
            HealthProperties health, AlertProperties properties, Clock clock) {
        this.rules = rules;
        this.alerts = alerts;
        this.transitions = transitions;
        this.metrics = metrics;
        this.health = health;
        this.properties = properties;
        this.clock = clock;
    }

    /** What one evaluation did. */
    public record Evaluation(int opened, int fired, int repeated, int ended) {
    }

    @EventListener
    public void onMetricsScraped(MetricsScraped scraped) {
        if (properties.enabled()) {
            evaluateLogged();
        }
    }

    @Scheduled(fixedDelayString = "${pipedeck.alerts.evaluate-interval:60s}",
            initialDelayString = "${pipedeck.alerts.evaluate-interval:60s}")
    public void evaluateOnSchedule() {
        if (properties.enabled()) {
            evaluateLogged();
            try {
                int purged = alerts.purgeResolvedBefore(clock.instant().minus(properties.historyRetention()));
                if (purged > 0) {
                    log.debug("Alerts: {} resolved alerts past the history retention deleted", purged);
                }
            } catch (RuntimeException e) {
                log.warn("Alerts: old history could not be deleted: {}", e.toString());
            }
        }
    }

    private void evaluateLogged() {
        try {
            Evaluation evaluation = evaluate();
            if (evaluation.fired() + evaluation.repeated() + evaluation.ended() > 0) {
                log.info("Alerts: {} fired, {} sent again, {} resolved or dropped", evaluation.fired(),
                        evaluation.repeated(), evaluation.ended());
            }
        } catch (RuntimeException e) {
            log.warn("Alerts could not be evaluated: {}", e.toString());
        }
    }

    /** Evaluates every enabled rule once, now. */
    public synchronized Evaluation evaluate() {
        Instant now = clock.instant();
        List<AlertRule> enabled = rules.listEnabled();
        Map<String, Alert> open = new LinkedHashMap<>();
        alerts.open().forEach(alert -> open.put(alert.ruleId() + ":" + alert.pipeId(), alert));
        List<SeenPipe> pipes = metrics.pipesSeenSince(now.minus(FORGET_PIPES_AFTER));
        Map<String, HealthAssessment> assessments = new HashMap<>();
        int opened = 0;
        int fired = 0;
        int repeated = 0;
        int ended = 0;
        for (AlertRule rule : enabled) {
            for (SeenPipe pipe : pipes) {
                if (!rule.watches(pipe)) {
                    continue;
                }
                Alert existing = open.remove(Alert.openKey(rule.id(), pipe.pipeId()));
                HealthAssessment assessment = assessments.computeIfAbsent(pipe.pipeId(), id -> assess(id, now));
                if (rule.firesOn(assessment.health())) {
                    if (existing == null) {
                        Optional<Long> id = transitions.open(rule, pipe, assessment, now);
                        if (id.isPresent()) {
                            opened++;
                            if (rule.holdFor().isZero() && transitions.fire(id.get(), rule, assessment, now)) {
                                fired++;
                            }
                        }
                    } else if (existing.status() == AlertStatus.PENDING) {
                        alerts.refresh(existing.id(), assessment.health(), assessment.reason());
                        if (!now.isBefore(existing.pendingSince().plus(rule.holdFor()))
                                && transitions.fire(existing.id(), rule, assessment, now)) {
                            fired++;
                        }
                    } else {
                        alerts.refresh(existing.id(), assessment.health(), assessment.reason());
                        if (!rule.repeatEvery().isZero() && existing.lastNotifiedAt() != null
                                && !now.isBefore(existing.lastNotifiedAt().plus(rule.repeatEvery()))
                                && transitions.repeat(existing, rule, now)) {
                            repeated++;
                        }
                    }
                } else if (existing != null && assessment.health() != PipeHealth.UNKNOWN
                        && transitions.end(existing, rule.channelIds(), "The pipe is "
                                + assessment.health().name().toLowerCase(java.util.Locale.ROOT) + " now: "
                                + assessment.reason(), now)) {
                    ended++;
                }
            }
        }
        for (Alert leftover : open.values()) {
            Optional<AlertRule> rule = leftover.ruleId() == null ? Optional.empty() : rules.find(leftover.ruleId());
            String why = rule.isEmpty() ? "The rule was deleted."
                    : !rule.get().enabled() ? "The rule was disabled."
                    : "The rule no longer watches this pipe, or the metrics have not reported it for "
                            + FORGET_PIPES_AFTER.toHours() + " hours.";
            if (transitions.end(leftover, rule.map(AlertRule::channelIds).orElse(List.of()), why, now)) {
                ended++;
            }
        }
        return new Evaluation(opened, fired, repeated, ended);
    }

    private HealthAssessment assess(String pipeId, Instant now) {
        Duration window = health.stallAfter().compareTo(health.erroringWindow()) > 0 ? health.stallAfter()
                : health.erroringWindow();
        return HealthAssessment.of(metrics.points(pipeId, now.minus(window).minus(SLACK)), health);
    }
}
