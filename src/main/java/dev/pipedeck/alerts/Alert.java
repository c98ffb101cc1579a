package dev.pipedeck.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.pipedeck.health.PipeHealth;

/** One alert: a rule's episode for one pipe, from pending through firing to resolved. */
public record Alert(long id, @Nullable Long ruleId, String ruleName, String pipeId, @Nullable String pipeName,
        String organizationId, String serviceId, AlertStatus status, PipeHealth health, @Nullable String reason,
        Instant pendingSince, @Nullable Instant firedAt, @Nullable Instant resolvedAt,
        @Nullable String resolvedReason, @Nullable Instant lastNotifiedAt) {

    /** The pipe's name, or its id when the metrics never named it. */
    public String pipeLabel() {
        return pipeName == null || pipeName.isBlank() ? pipeId : pipeName;
    }

    public String healthLabel() {
        return health.name().toLowerCase(Locale.ROOT);
    }

    /** How long it fired: until resolved, or until {@code now} while still firing; null when it never fired. */
    public @Nullable Duration firedFor(Instant now) {
        if (firedAt == null) {
            return null;
        }
        Instant end = resolvedAt != null ? resolvedAt : now;
        return end.isBefore(firedAt) ? Duration.ZERO : Duration.between(firedAt, end);
    }

    /** The key that makes an open alert unique per (rule, pipe). */
    static String openKey(long ruleId, String pipeId) {
        return ruleId + ":" + pipeId;
    }
}
