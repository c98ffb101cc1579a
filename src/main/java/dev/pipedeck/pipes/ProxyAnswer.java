package dev.pipedeck.pipes;

import java.time.Duration;

/**
 * What the proxy sends back: ClickHouse Cloud's own answer (status, content type, body untouched), or an answer of
 * Pipedeck's in the same envelope. {@code retryAfter} is set when the request budget held the call back.
 */
public record ProxyAnswer(int status, String contentType, byte[] body, Duration retryAfter) {
}
