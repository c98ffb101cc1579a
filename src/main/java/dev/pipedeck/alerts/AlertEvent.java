package dev.pipedeck.alerts;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriUtils;

import tools.jackson.databind.json.JsonMapper;

/**
 * What one notification says, fixed when it is enqueued (so every retry sends the same): the alert, its rule, the
 * pipe, the health and its reason, whether it fires (or fires again) or is resolved, the times, and a link to the pipe
 * page when the console's address is configured. Holds no secret; stored as JSON in the outbox.
 */
public record AlertEvent(long alertId, String status, boolean repeat, @Nullable Long ruleId, String ruleName,
        String pipeId, @Nullable String pipeName, String organizationId, String serviceId, String health,
        @Nullable String reason, String pendingSince, @Nullable String firedAt, @Nullable String resolvedAt,
        @Nullable String link) {

    static final String FIRING = "firing";
    static final String RESOLVED = "resolved";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static AlertEvent of(Alert alert, String status, boolean repeat, String consoleUrl) {
        return new AlertEvent(alert.id(), status, repeat, alert.ruleId(), alert.ruleName(), alert.pipeId(),
                alert.pipeName(), alert.organizationId(), alert.serviceId(),
                alert.health().name().toLowerCase(Locale.ROOT), RESOLVED.equals(status) && alert.resolvedReason() != null
                        ? alert.resolvedReason() : alert.reason(),
                alert.pendingSince().toString(), text(alert.firedAt()), text(alert.resolvedAt()),
                linkTo(consoleUrl, alert.organizationId(), alert.serviceId(), alert.pipeId()));
    }

    /** The pipe page under {@code consoleUrl}, or null without one. */
    static @Nullable String linkTo(String consoleUrl, String organizationId, String serviceId, String pipeId) {
        if (consoleUrl == null || consoleUrl.isBlank()) {
            return null;
        }
        return consoleUrl + "/organizations/" + segment(organizationId) + "/services/" + segment(serviceId)
                + "/pipes/" + segment(pipeId);
    }

    public boolean resolved() {
        return RESOLVED.equals(status);
    }

    /** The pipe's name, or its id when the metrics never named it. */
    public String pipeLabel() {
        return pipeName == null || pipeName.isBlank() ? pipeId : pipeName;
    }

    String toJson() {
        return JSON.writeValueAsString(this);
    }

    static AlertEvent fromJson(String json) {
        return JSON.readValue(json, AlertEvent.class);
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static @Nullable String text(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
