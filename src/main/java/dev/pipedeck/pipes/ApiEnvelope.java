package dev.pipedeck.pipes;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.MDC;

import tools.jackson.databind.json.JsonMapper;

/**
 * Pipedeck's own answers on {@code /api/v1}, in ClickHouse Cloud's error envelope
 * ({@code {"status":N,"requestId":"…","error":"CODE: message"}}) with Pipedeck's request id, so scripts handle both
 * alike.
 */
public final class ApiEnvelope {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiEnvelope() {
    }

    public static byte[] error(int status, String code, String message) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("status", status);
        envelope.put("requestId", requestId());
        envelope.put("error", code + ": " + message);
        return JSON.writeValueAsBytes(envelope);
    }

    public static byte[] success(Object result) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("status", 200);
        envelope.put("requestId", requestId());
        envelope.put("result", result);
        return JSON.writeValueAsBytes(envelope);
    }

    /** The id of the request being served (set by the web layer's request id filter), or a fresh one. */
    public static String requestId() {
        String id = MDC.get("requestId");
        return id != null ? id : UUID.randomUUID().toString();
    }

    static String text(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
