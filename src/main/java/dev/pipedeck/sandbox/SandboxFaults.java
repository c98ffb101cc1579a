package dev.pipedeck.sandbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * The misbehaviour the sandbox shows right now: added latency, a burst of 503s, a burst of 429s, and hostile strings.
 * Starts from {@code pipedeck.sandbox.faults.*}; the admin page changes it. Thread-safe.
 */
@Component
class SandboxFaults {

    /** Markup a careless page would run; appears in pipe names and error messages while hostile strings are on. */
    static final String HOSTILE_SCRIPT = "<script>alert(1)</script>";
    static final String HOSTILE_ATTRIBUTE = "\"><img src=x onerror=alert(1)>";
    /** A URL a careless link would run. */
    static final String HOSTILE_URL = "javascript:alert(document.cookie)";
    /** Markup breaking out of a single-quoted attribute, and an SVG whose load runs script. */
    static final String HOSTILE_SVG = "'><svg onload=alert(1)>";

    private final SandboxProperties.Faults configured;
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final AtomicInteger serverErrorsLeft = new AtomicInteger();
    private final AtomicInteger rateLimitedLeft = new AtomicInteger();
    private final AtomicBoolean hostileStrings = new AtomicBoolean();

    SandboxFaults(SandboxProperties properties) {
        this.configured = properties.faults();
        reset();
    }

    /** Back to what the configuration says. */
    final void reset() {
        latency.set(configured.latency());
        serverErrorsLeft.set(configured.serverErrors());
        rateLimitedLeft.set(configured.rateLimited());
        hostileStrings.set(configured.hostileStrings());
    }

    Duration latency() {
        return latency.get();
    }

    void setLatency(Duration value) {
        latency.set(value.isNegative() ? Duration.ZERO : value);
    }

    /** The next {@code count} requests answer 503. */
    void burstServerErrors(int count) {
        serverErrorsLeft.set(Math.max(0, count));
    }

    /** The next {@code count} requests answer 429. */
    void burstRateLimited(int count) {
        rateLimitedLeft.set(Math.max(0, count));
    }

    /** Whether this request is one of the burst of 503s (and uses it up). */
    boolean takeServerError() {
        return takeOne(serverErrorsLeft);
    }

    /** Whether this request is one of the burst of 429s (and uses it up). */
    boolean takeRateLimited() {
        return takeOne(rateLimitedLeft);
    }

    int serverErrorsLeft() {
        return serverErrorsLeft.get();
    }

    int rateLimitedLeft() {
        return rateLimitedLeft.get();
    }

    boolean hostileStrings() {
        return hostileStrings.get();
    }

    void setHostileStrings(boolean on) {
        hostileStrings.set(on);
    }

    /** An error message as the sandbox sends it: with markup appended while hostile strings are on. */
    String decorate(String message) {
        return hostileStrings.get() ? message + " (upstream detail: " + HOSTILE_ATTRIBUTE + " " + HOSTILE_SCRIPT + ")"
                : message;
    }

    private static boolean takeOne(AtomicInteger left) {
        return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
