package dev.pipedeck.pipes;

import java.time.Duration;

/**
 * What the proxy sends back: ClickHouse Cloud's own answer (status, content type, body untouched), or an answer of
 * Pipedeck's in the same envelope. {@code retryAfter} (sent as {@code Retry-After}) is set when the request budget held
 * the call back, or ClickHouse Cloud answered 429 saying how long to wait.
 */
public record ProxyAnswer(int status, String contentType, byte[] body, Duration retryAfter) {
}
