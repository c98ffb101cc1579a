package dev.pipedeck.cloud;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An answer of ClickHouse Cloud as it came: status, the headers a proxy needs, and the body bytes untouched.
 *
 * @param status HTTP status
 * @param contentType {@code Content-Type} header, or null
 * @param rateLimitReset {@code X-RateLimit-Reset} header (seconds to wait after a 429), or null
 * @param body the body, empty when there was none
 */
public record RawCloudResponse(int status, @Nullable String contentType, @Nullable String rateLimitReset, byte[] body) {

    public RawCloudResponse {
        body = body == null ? new byte[0] : body;
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** How long a 429 asks to wait ({@code X-RateLimit-Reset}, in seconds), or null when it does not say. */
    public @Nullable Duration retryAfter() {
        return CloudErrorDecoder.rateLimitReset(this);
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawCloudResponse that && status == that.status
                && Objects.equals(contentType, that.contentType) && Objects.equals(rateLimitReset, that.rateLimitReset)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, rateLimitReset) * 31 + Arrays.hashCode(body);
    }

    /** Status and size only: bodies may hold data the logs must not. */
    @Override
    public String toString() {
        return "RawCloudResponse[status=" + status + ", contentType=" + contentType + ", rateLimitReset="
                + rateLimitReset + ", body=" + body.length + " bytes]";
    }
}
