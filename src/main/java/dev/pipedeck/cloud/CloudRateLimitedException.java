package dev.pipedeck.cloud;

import java.time.Duration;

/** HTTP 429 that outlasted the client's own waiting: the API key made too many calls. */
public class CloudRateLimitedException extends CloudApiException {

    private final Duration retryAfter;

    /**
     * @param retryAfter how long ClickHouse Cloud asked to wait ({@code X-RateLimit-Reset}), or null if it did not say
     */
    public CloudRateLimitedException(String code, String message, String requestId, Duration retryAfter) {
        super(429, code, message, requestId);
        this.retryAfter = retryAfter;
    }

    /** How long to wait before calling again, or null when unknown. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
