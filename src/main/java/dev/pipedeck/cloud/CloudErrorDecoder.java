package dev.pipedeck.cloud;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns an error answer into a {@link CloudApiException}: the JSON envelope when there is one, otherwise the status
 * and the first line of the body. Every message passes through the request's {@link SecretRedactor}.
 */
final class CloudErrorDecoder {

    private static final Pattern CODE_AND_MESSAGE = Pattern.compile("^([A-Z][A-Z0-9_]*):\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern HTML_TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");
    private static final String IDLE_MARKER = "current state: idle";
    private static final int LONGEST_EXCERPT = 200;

    private CloudErrorDecoder() {
    }

    /** The exception for an answer whose status is not 2xx. */
    static CloudApiException decode(RawCloudResponse response, SecretRedactor redactor) {
        int status = response.status();
        String text = response.bodyText();
        if (text.isBlank()) {
            return build(status, defaultCode(status), "ClickHouse Cloud answered HTTP " + status + " with an empty body",
                    null, response);
        }
        JsonNode root = readJson(response);
        if (root == null) {
            String message = looksLikeJson(response)
                    ? "ClickHouse Cloud answered HTTP " + status + " with malformed JSON: " + excerpt(text)
                    : "ClickHouse Cloud answered HTTP " + status + " with a non-JSON body: " + excerpt(text);
            return build(status, defaultCode(status), redactor.redact(message), null, response);
        }
        String requestId = textOf(root, "requestId");
        String error = textOf(root, "error");
        if (error == null) {
            error = textOf(root, "message");
        }
        if (error == null) {
            String message = "ClickHouse Cloud answered HTTP " + status + " without an error message: " + excerpt(text);
            return build(status, defaultCode(status), redactor.redact(message), requestId, response);
        }
        Matcher matcher = CODE_AND_MESSAGE.matcher(error.strip());
        boolean coded = matcher.matches();
        String code = coded ? matcher.group(1) : defaultCode(status);
        if (status == 424 && error.toLowerCase(Locale.ROOT).contains(IDLE_MARKER)) {
            return new ServiceIdleException(code, requestId);
        }
        String message = coded ? matcher.group(2).strip() : error.strip();
        if (message.isEmpty()) {
            message = "ClickHouse Cloud answered HTTP " + status + " " + code;
        }
        return build(status, code, redactor.redact(message), requestId, response);
    }

    /** The exception for a 2xx answer whose body is not the expected envelope. */
    static CloudApiException unreadable(RawCloudResponse response, SecretRedactor redactor, String requestId) {
        String message = "ClickHouse Cloud answered HTTP " + response.status() + " with a body Pipedeck cannot read: "
                + (response.bodyText().isBlank() ? "(empty)" : excerpt(response.bodyText()));
        return new CloudApiException(response.status(), "UNREADABLE_RESPONSE", redactor.redact(message), requestId);
    }

    /** Seconds from {@code X-RateLimit-Reset}, or null when absent or not a number. */
    static Duration rateLimitReset(RawCloudResponse response) {
        String header = response.rateLimitReset();
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(header.strip());
            if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                return null;
            }
            return Duration.ofMillis((long) Math.ceil(Math.max(0, seconds) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static CloudApiException build(int status, String code, String message, String requestId,
            RawCloudResponse response) {
        return switch (status) {
            case 401 -> new CloudUnauthorizedException(code, message, requestId);
            case 404 -> new CloudNotFoundException(code, message, requestId);
            case 429 -> new CloudRateLimitedException(code, message, requestId, rateLimitReset(response));
            default -> new CloudApiException(status, code, message, requestId);
        };
    }

    private static JsonNode readJson(RawCloudResponse response) {
        try {
            JsonNode root = CloudJson.MAPPER.readTree(response.body());
            return root != null && root.isObject() ? root : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static boolean looksLikeJson(RawCloudResponse response) {
        String contentType = response.contentType();
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return true;
        }
        String text = response.bodyText().stripLeading();
        return text.startsWith("{") || text.startsWith("[");
    }

    private static String textOf(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    private static String defaultCode(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.name() : "HTTP_" + status;
    }

    /** The page title of an HTML body, else its first non-blank line without tags, shortened. */
    static String excerpt(String text) {
        Matcher title = HTML_TITLE.matcher(text);
        String line = null;
        if (title.find() && !title.group(1).isBlank()) {
            line = title.group(1);
        } else {
            for (String candidate : text.split("\\R")) {
                String withoutTags = HTML_TAG.matcher(candidate).replaceAll(" ");
                if (!withoutTags.isBlank()) {
                    line = withoutTags;
                    break;
                }
            }
        }
        if (line == null) {
            line = text;
        }
        line = line.replaceAll("\\s+", " ").strip();
        return line.length() <= LONGEST_EXCERPT ? line : line.substring(0, LONGEST_EXCERPT) + "…";
    }
}
