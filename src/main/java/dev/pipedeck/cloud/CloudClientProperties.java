package dev.pipedeck.cloud;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timeouts and retries of {@link ClickHouseCloudClient}.
 *
 * @param connectTimeout longest wait for a TCP/TLS connection
 * @param responseTimeout longest wait for one complete answer; a call that hangs longer fails
 * @param maxRateLimitWait most time one call spends waiting out HTTP 429 answers before giving up
 * @param retryBackoff first pause before repeating a failed GET; doubled on each further try, with jitter
 * @param maxAttempts most tries of one call, the first included
 * @param budgetMaxWait longest a call waits for a free slot in its key's request budget before it is refused
 * @param readCacheTtl how long a successful read is reused (identical concurrent reads are always shared)
 * @param readStaleTtl how long past {@code readCacheTtl} a read may still be answered from its last answer while one
 *        refresh runs behind it (0: never), so that a busy budget makes data a little older instead of pages slow
 */
@ConfigurationProperties("pipedeck.cloud")
public record CloudClientProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout,
        @DefaultValue("30s") Duration maxRateLimitWait,
        @DefaultValue("500ms") Duration retryBackoff,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("15s") Duration budgetMaxWait,
        @DefaultValue("2s") Duration readCacheTtl,
        @DefaultValue("30s") Duration readStaleTtl) {

    @ConstructorBinding
    public CloudClientProperties {
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(5), "connectTimeout");
        responseTimeout = positive(responseTimeout, Duration.ofSeconds(30), "responseTimeout");
        maxRateLimitWait = notNegative(maxRateLimitWait, Duration.ofSeconds(30), "maxRateLimitWait");
        retryBackoff = notNegative(retryBackoff, Duration.ofMillis(500), "retryBackoff");
        budgetMaxWait = notNegative(budgetMaxWait, Duration.ofSeconds(15), "budgetMaxWait");
        readCacheTtl = notNegative(readCacheTtl, Duration.ofSeconds(2), "readCacheTtl");
        readStaleTtl = notNegative(readStaleTtl, Duration.ofSeconds(30), "readStaleTtl");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("pipedeck.cloud.max-attempts must be at least 1");
        }
    }

    /** As given, with no stale answers (every read past its time waits for a fresh one). */
    public CloudClientProperties(Duration connectTimeout, Duration responseTimeout, Duration maxRateLimitWait,
            Duration retryBackoff, int maxAttempts, Duration budgetMaxWait, Duration readCacheTtl) {
        this(connectTimeout, responseTimeout, maxRateLimitWait, retryBackoff, maxAttempts, budgetMaxWait, readCacheTtl,
                Duration.ZERO);
    }

    /** Timeouts and retries as given, with the default budget wait (15 s) and read cache (2 s). */
    public CloudClientProperties(Duration connectTimeout, Duration responseTimeout, Duration maxRateLimitWait,
            Duration retryBackoff, int maxAttempts) {
        this(connectTimeout, responseTimeout, maxRateLimitWait, retryBackoff, maxAttempts, null, null, null);
    }

    /**
     * The defaults: 5 s to connect, 30 s to answer, 30 s of rate-limit waits, 500 ms first backoff, 3 tries, 15 s
     * of waiting for the request budget, reads reused for 2 s and given stale for up to 30 s while refreshed.
     */
    public static CloudClientProperties defaults() {
        return new CloudClientProperties(null, null, null, null, 3, null, null, null);
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
