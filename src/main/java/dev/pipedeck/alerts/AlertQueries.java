package dev.pipedeck.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import dev.pipedeck.health.PipeMetricStore;
import dev.pipedeck.health.SeenPipe;

/** What the Alerts page shows: firing and pending alerts, the recent history, and each alert's deliveries. */
@Service
public class AlertQueries {

    static final int HISTORY_SIZE = 50;

    private final StoredAlerts alerts;
    private final NotificationOutbox outbox;
    private final PipeMetricStore metrics;
    private final Clock clock;

    public AlertQueries(StoredAlerts alerts, NotificationOutbox outbox, PipeMetricStore metrics, Clock clock) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** An alert with its notifications, oldest first. */
    public record AlertRow(Alert alert, List<Notification> deliveries, Instant now) {

        /** How long it has fired (or fired), readable; empty when it never fired. */
        public String firedFor() {
            Duration duration = alert.firedFor(now);
            return duration == null ? "" : AlertMessage.readable(duration);
        }

        /** How long it has been pending, readable. */
        public String pendingFor() {
            return AlertMessage.readable(Duration.between(alert.pendingSince(), now));
        }
    }

    /** The Alerts page: firing now, pending, and the most recent alerts that fired. */
    public record Overview(List<AlertRow> firing, List<AlertRow> pending, List<AlertRow> history) {
    }

    @PreAuthorize("hasRole('VIEWER')")
    public Overview overview() {
        Instant now = clock.instant();
        List<Alert> firing = alerts.firing();
        List<Alert> pending = alerts.pending();
        List<Alert> history = alerts.history(HISTORY_SIZE).stream()
                .filter(alert -> alert.status() == AlertStatus.RESOLVED).toList();
        List<Long> ids = new ArrayList<>();
        firing.forEach(alert -> ids.add(alert.id()));
        history.forEach(alert -> ids.add(alert.id()));
        Map<Long, List<Notification>> deliveries = outbox.ofAlerts(ids);
        return new Overview(rows(firing, deliveries, now), rows(pending, deliveries, now),
                rows(history, deliveries, now));
    }

    /** How many alerts fire now (read at most every few seconds: every page's navigation shows it). */
    @PreAuthorize("hasRole('VIEWER')")
    public int firingCount() {
        return alerts.recentFiringCount(clock.instant());
    }

    /** The pipes the metrics reported in the last day, for choosing a rule's pipe or service. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<SeenPipe> knownPipes() {
        return metrics.pipesSeenSince(clock.instant().minus(AlertEvaluator.FORGET_PIPES_AFTER));
    }

    private static List<AlertRow> rows(List<Alert> list, Map<Long, List<Notification>> deliveries, Instant now) {
        return list.stream().map(alert -> new AlertRow(alert, deliveries.getOrDefault(alert.id(), List.of()), now))
                .toList();
    }
}
