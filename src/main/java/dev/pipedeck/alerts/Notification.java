package dev.pipedeck.alerts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One notification to one channel (a row of the outbox), with its delivery so far. */
public record Notification(long id, String notificationId, long alertId, @Nullable Long channelId,
        String channelName, String event, boolean repeat, String eventJson, NotificationStatus status, int attempts,
        Instant nextAttemptAt, @Nullable Instant lastAttemptAt, @Nullable String lastError, Instant createdAt,
        @Nullable Instant deliveredAt) {

    /** "firing", "firing again" or "resolved". */
    public String eventLabel() {
        if ("RESOLVED".equals(event)) {
            return "resolved";
        }
        return repeat ? "firing again" : "firing";
    }

    public AlertEvent alertEvent() {
        return AlertEvent.fromJson(eventJson);
    }
}
