package dev.pipedeck.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * ClickHouse Cloud's wire format as the sandbox speaks it: JSON request bodies in; the success envelope
 * {@code {"status":200,"requestId":"…","result":…}} and the error envelope {@code {"status":N,"requestId":"…",
 * "error":"CODE: message"}} out. Every request gets a random request id, kept as a request attribute.
 */
@Component
class SandboxWire {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String REQUEST_ID = SandboxWire.class.getName() + ".requestId";
    private static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain; version=0.0.4; charset=utf-8");

    private final JsonMapper mapper = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
    private final SandboxFaults faults;

    SandboxWire(SandboxFaults faults) {
        this.faults = faults;
    }

    /** The request id of this request, made on first use. */
    static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(REQUEST_ID);
        if (id instanceof String text) {
            return text;
        }
        String fresh = UUID.randomUUID().toString();
        request.setAttribute(REQUEST_ID, fresh);
        return fresh;
    }

    /** The JSON body; 400 when it is missing or malformed. */
    JsonNode body(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw SandboxApiException.badRequest("", "a JSON request body is required");
        }
        JsonNode body;
        try {
            body = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw SandboxApiException.badRequest("", "the request body is not valid JSON");
        }
        if (body == null || body.isMissingNode()) {
            throw SandboxApiException.badRequest("", "a JSON request body is required");
        }
        return body;
    }

    /** 200 with {@code result}. */
    ResponseEntity<byte[]> ok(HttpServletRequest request, JsonNode result) {
        ObjectNode envelope = envelope(200, request);
        envelope.set("result", result);
        return json(HttpStatus.OK.value(), envelope);
    }

    /** 200 without a result, as deletes answer. */
    ResponseEntity<byte[]> ok(HttpServletRequest request) {
        return json(HttpStatus.OK.value(), envelope(200, request));
    }

    /** Prometheus text exposition. */
    ResponseEntity<byte[]> prometheus(String text) {
        return ResponseEntity.ok().contentType(PROMETHEUS_TEXT)
                .body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The error envelope for {@code error}. */
    ResponseEntity<byte[]> error(HttpServletRequest request, SandboxApiException error) {
        return error(request, error.status(), error.code(), error.detail());
    }

    /** The error envelope, with markup appended to the message while hostile strings are on. */
    ResponseEntity<byte[]> error(HttpServletRequest request, int status, String code, String detail) {
        ObjectNode envelope = envelope(status, request);
        envelope.put("error", code + ": " + faults.decorate(detail));
        return json(status, envelope);
    }

    /** The bytes of a JSON value. */
    byte[] bytes(JsonNode value) {
        return mapper.writeValueAsBytes(value);
    }

    private static ObjectNode envelope(int status, HttpServletRequest request) {
        ObjectNode envelope = NODES.objectNode();
        envelope.put("status", status);
        envelope.put("requestId", requestId(request));
        return envelope;
    }

    private ResponseEntity<byte[]> json(int status, ObjectNode envelope) {
        return ResponseEntity.status(status)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.APPLICATION_JSON)
                .body(bytes(envelope));
    }
}
