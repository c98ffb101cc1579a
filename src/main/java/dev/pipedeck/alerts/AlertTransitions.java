package dev.pipedeck.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pipedeck.health.HealthAssessment;
import dev.pipedeck.health.SeenPipe;

/**
 * An alert's moves, each with the notifications it owes enqueued in the same transaction: firing (and firing again)
 * and resolving notify the rule's channels; opening and dropping a pending alert notify no one. Each move joins the
 * caller's transaction or runs in one of its own; a move another instance already made does nothing.
 */
@Component
class AlertTransitions {

    private final StoredAlerts alerts;
    private final NotificationOutbox outbox;
    private final AlertChannels channels;
    private final AlertProperties properties;
    private final TransactionTemplate transaction;

    AlertTransitions(StoredAlerts alerts, NotificationOutbox outbox, AlertChannels channels,
            AlertProperties properties, PlatformTransactionManager transactionManager) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.channels = channels;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Opens a pending alert; empty when one is open already. */
    Optional<Long> open(AlertRule rule, SeenPipe pipe, HealthAssessment assessment, Instant now) {
        return transaction.execute(status -> alerts.openPending(rule, pipe, assessment, now));
    }

    /** PENDING → FIRING, notifying the rule's channels; false when someone else moved it first. */
    boolean fire(long alertId, AlertRule rule, HealthAssessment assessment, Instant now) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            if (!alerts.fire(alertId, assessment.health(), assessment.reason(), now)) {
                return false;
            }
            notifyChannels(alertId, rule.channelIds(), AlertEvent.FIRING, false, now);
            return true;
        }));
    }

    /** Notifies a firing alert's channels again when its repeat interval has passed since the last notification. */
    boolean repeat(Alert alert, AlertRule rule, Instant now) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            if (!alerts.renotify(alert.id(), now.minus(rule.repeatEvery()), now)) {
                return false;
            }
            notifyChannels(alert.id(), rule.channelIds(), AlertEvent.FIRING, true, now);
            return true;
        }));
    }

    /**
     * Ends an open alert: a firing one is resolved and its channels notified; a pending one is dropped (it never
     * fired). False when someone else ended it first.
     */
    boolean end(Alert alert, List<Long> channelIds, String why, Instant now) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            if (alert.status() == AlertStatus.PENDING) {
                return alerts.dropPending(alert.id());
            }
            if (!alerts.resolve(alert.id(), why, now)) {
                return false;
            }
            notifyChannels(alert.id(), channelIds, AlertEvent.RESOLVED, false, now);
            return true;
        }));
    }

    private void notifyChannels(long alertId, List<Long> channelIds, String status, boolean repeat, Instant now) {
        if (channelIds.isEmpty()) {
            return;
        }
        Alert alert = alerts.find(alertId).orElseThrow();
        AlertEvent event = AlertEvent.of(alert, status, repeat, properties.consoleUrl());
        Map<Long, AlertChannel> byId = new java.util.HashMap<>();
        channels.list().forEach(channel -> byId.put(channel.id(), channel));
        for (Long channelId : channelIds) {
            AlertChannel channel = byId.get(channelId);
            if (channel != null) {
                outbox.enqueue(event, channel, now);
            }
        }
    }
}
