package dev.pipedeck.sandbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the built-in sandbox, a fake ClickHouse Cloud served under {@code /sandbox/v1}.
 *
 * @param enabled whether {@code /sandbox/**} answers at all; when false every request there gets 404
 * @param transitionDelay how long each transient pipe or service state (Provisioning, Stopping, Setup, …) lasts
 * @param seedPipes extra generated pipes put into the first service at start and on reset, for benchmarks
 * @param faults misbehaviour in effect at start and after a reset
 * @param rateLimit the published per-key request budget, enforced only when asked
 */
@ConfigurationProperties("pipedeck.sandbox")
public record SandboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("3s") Duration transitionDelay,
        @DefaultValue("0") int seedPipes,
        @DefaultValue Faults faults,
        @DefaultValue RateLimit rateLimit) {

    /** The most pipes {@link #seedPipes} may ask for. */
    public static final int MOST_SEED_PIPES = 20_000;

    public SandboxProperties {
        transitionDelay = transitionDelay == null ? Duration.ofSeconds(3) : transitionDelay;
        if (transitionDelay.isNegative()) {
            throw new IllegalArgumentException("pipedeck.sandbox.transition-delay must not be negative");
        }
        if (seedPipes < 0 || seedPipes > MOST_SEED_PIPES) {
            throw new IllegalArgumentException("pipedeck.sandbox.seed-pipes must be 0 to " + MOST_SEED_PIPES);
        }
        faults = faults == null ? new Faults(null, 0, 0, false, false) : faults;
        rateLimit = rateLimit == null ? new RateLimit(false, 10, null) : rateLimit;
    }

    /**
     * Misbehaviour for demos and tests; the admin page at {@code /admin/sandbox} changes it at run time.
     *
     * @param latency added to every answer
     * @param serverErrors the first this many requests answer 503
     * @param rateLimited the first this many requests (after the 503s) answer 429 with {@code X-RateLimit-Reset: 1}
     * @param stagingIdle whether the "staging" service starts idle (ClickPipes calls answer 424 until it is woken)
     * @param hostileStrings whether pipes with script-like names exist and error messages carry markup
     */
    public record Faults(
            @DefaultValue("0ms") Duration latency,
            @DefaultValue("0") int serverErrors,
            @DefaultValue("0") int rateLimited,
            @DefaultValue("false") boolean stagingIdle,
            @DefaultValue("false") boolean hostileStrings) {

        public Faults {
            latency = latency == null ? Duration.ZERO : latency;
            if (latency.isNegative() || serverErrors < 0 || rateLimited < 0) {
                throw new IllegalArgumentException("pipedeck.sandbox.faults.* must not be negative");
            }
        }
    }

    /**
     * ClickHouse Cloud's published budget: 10 requests per 10 seconds per key. Off by default so a newcomer's
     * console is never throttled; benchmarks turn it on to prove they stay within it.
     *
     * @param enforced whether requests over the budget answer 429
     * @param requests requests allowed per key within {@code window}
     * @param window the sliding window
     */
    public record RateLimit(
            @DefaultValue("false") boolean enforced,
            @DefaultValue("10") int requests,
            @DefaultValue("10s") Duration window) {

        public RateLimit {
            window = window == null ? Duration.ofSeconds(10) : window;
            if (requests < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("pipedeck.sandbox.rate-limit needs a positive budget and window");
            }
        }
    }
}
