package dev.pipedeck.cloud;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timeouts and retries of {@link ClickHouseCloudClient}.
 *
 * @param connectTimeout longest wait for a TCP/TLS connection
 * @param responseTimeout longest wait for one complete answer; a call that hangs longer fails
 * @param maxRateLimitWait most time one call spends waiting out HTTP 429 answers before giving up
 * @param retryBackoff first pause before repeating a failed GET; doubled on each further try, with jitter
 * @param maxAttempts most tries of one call, the first included
 */
@ConfigurationProperties("pipedeck.cloud")
public record CloudClientProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout,
        @DefaultValue("30s") Duration maxRateLimitWait,
        @DefaultValue("500ms") Duration retryBackoff,
        @DefaultValue("3") int maxAttempts) {

    public CloudClientProperties {
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(5), "connectTimeout");
        responseTimeout = positive(responseTimeout, Duration.ofSeconds(30), "responseTimeout");
        maxRateLimitWait = notNegative(maxRateLimitWait, Duration.ofSeconds(30), "maxRateLimitWait");
        retryBackoff = notNegative(retryBackoff, Duration.ofMillis(500), "retryBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("pipedeck.cloud.max-attempts must be at least 1");
        }
    }

    /** The defaults: 5 s to connect, 30 s to answer, 30 s of rate-limit waits, 500 ms first backoff, 3 tries. */
    public static CloudClientProperties defaults() {
        return new CloudClientProperties(null, null, null, null, 3);
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        Duration result = value == null ? fallback : value;
        if (result.isNegative() || result.isZero()) {
            throw new IllegalArgumentException("pipedeck.cloud." + name + " must be positive");
        }
        return result;
    }

    private static Duration notNegative(Duration value, Duration fallback, String name) {
        Duration result = value == null ? fallback : value;
        if (result.isNegative()) {
            throw new IllegalArgumentException("pipedeck.cloud." + name + " must not be negative");
        }
        return result;
    }
}
