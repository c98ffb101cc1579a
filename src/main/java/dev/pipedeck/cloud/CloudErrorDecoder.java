package dev.pipedeck.cloud;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;
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
            return build(status, defaultCode(status), redactor.redact(notApiJson(response)), null, response);
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
        String message = coded ? matcher.group(2).strip() : error.strip();
        if (status == 424 && error.toLowerCase(Locale.ROOT).contains(IDLE_MARKER)) {
            return new ServiceIdleException(code, redactor.redact(message), requestId);
        }
        if (message.isEmpty()) {
            message = "ClickHouse Cloud answered HTTP " + status + " " + code;
        }
        if (status == 429) {
            Duration reset = rateLimitReset(response);
            if (reset != null) {
                message = message + " (ClickHouse Cloud asks to wait " + CloudTransport.readable(
                        Duration.ofSeconds(Math.max(1, (reset.toMillis() + 999) / 1000))) + ")";
            }
        }
        return build(status, code, redactor.redact(message), requestId, response);
    }

    /**
     * The exception for a 2xx answer whose body is not the expected envelope. After a change ({@code method} other
     * than GET) ClickHouse Cloud said yes, so the change was probably made: the message says so.
     */
    static CloudApiException unreadable(RawCloudResponse response, SecretRedactor redactor, String requestId,
            HttpMethod method) {
        String message = (isJson(response)
                ? "ClickHouse Cloud answered HTTP " + response.status() + " with JSON that is not the answer the API "
                        + "documents: " + excerpt(response.bodyText())
                : notApiJson(response))
                + (HttpMethod.GET.equals(method) ? ""
                        : " — it accepted the change, which was probably made: check before trying again");
        return new CloudApiException(response.status(), "UNREADABLE_RESPONSE", redactor.redact(message), requestId);
    }

    /**
     * Why an answer is not the API's JSON, in words: a page from something between Pipedeck and ClickHouse Cloud (a
     * proxy's HTML error page, plain text), malformed JSON, or nothing at all. Unredacted.
     */
    static String notApiJson(RawCloudResponse response) {
        int status = response.status();
        String text = response.bodyText();
        if (text.isBlank()) {
            return "ClickHouse Cloud answered HTTP " + status + " with an empty body";
        }
        if (looksLikeJson(response)) {
            return "ClickHouse Cloud answered HTTP " + status + " with malformed JSON, not the API's JSON: "
                    + excerpt(text);
        }
        return "ClickHouse Cloud, or a proxy in front of it, answered HTTP " + status
                + " with a page that is not the API's JSON: " + excerpt(text);
    }

    /** Whether the body is a JSON object or array, as every answer of the API is. */
    static boolean isJson(RawCloudResponse response) {
        try {
            JsonNode root = CloudJson.MAPPER.readTree(response.body());
            return root != null && (root.isObject() || root.isArray());
        } catch (JacksonException e) {
            return false;
        }
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
