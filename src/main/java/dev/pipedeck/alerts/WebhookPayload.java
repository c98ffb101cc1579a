package dev.pipedeck.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body a generic webhook receives (documented in the README):
 *
 * <pre>{@code
 * {"notificationId": "…", "test": false, "status": "firing" | "resolved", "repeat": false,
 *  "alert": {"id": 12, "health": "stalled", "reason": "…", "pendingSince": "…", "firedAt": "…", "resolvedAt": null},
 *  "rule": {"id": 3, "name": "…"},
 *  "pipe": {"id": "…", "name": "…", "organizationId": "…", "serviceId": "…", "url": "https://…/pipes/…" | null}}
 * }</pre>
 *
 * Times are ISO-8601 UTC. The same notification id is sent as the {@code X-Pipedeck-Notification-Id} header.
 */
final class WebhookPayload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookPayload() {
    }

    static String render(AlertEvent event, String notificationId, boolean test) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("id", event.alertId());
        alert.put("health", event.health());
        alert.put("reason", event.reason());
        alert.put("pendingSince", event.pendingSince());
        alert.put("firedAt", event.firedAt());
        alert.put("resolvedAt", event.resolvedAt());
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", event.ruleId());
        rule.put("name", event.ruleName());
        Map<String, Object> pipe = new LinkedHashMap<>();
        pipe.put("id", event.pipeId());
        pipe.put("name", event.pipeName());
        pipe.put("organizationId", event.organizationId());
        pipe.put("serviceId", event.serviceId());
        pipe.put("url", event.link());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationId", notificationId);
        body.put("test", test);
        body.put("status", event.status());
        body.put("repeat", event.repeat());
        body.put("alert", alert);
        body.put("rule", rule);
        body.put("pipe", pipe);
        return JSON.writeValueAsString(body);
    }
}
