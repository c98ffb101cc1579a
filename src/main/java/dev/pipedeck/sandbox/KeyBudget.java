package dev.pipedeck.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * ClickHouse Cloud's per-key request budget (by default 10 requests per sliding 10 seconds), enforced only when
 * {@code pipedeck.sandbox.rate-limit.enforced} is true. Thread-safe.
 */
@Component
class KeyBudget {

    private final SandboxProperties.RateLimit limit;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    KeyBudget(SandboxProperties properties, Clock clock) {
        this.limit = properties.rateLimit();
        this.clock = clock;
    }

    /**
     * Takes one request from the key's budget: null when it fits (or nothing is enforced), else how long until the
     * oldest request in the window leaves it.
     */
    Duration overBudget(String keyId) {
        if (!limit.enforced()) {
            return null;
        }
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(keyId, key -> new ArrayDeque<>());
        synchronized (times) {
            Instant windowStart = now.minus(limit.window());
            while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
                times.pollFirst();
            }
            if (times.size() >= limit.requests()) {
                return Duration.between(windowStart, times.peekFirst());
            }
            times.addLast(now);
            return null;
        }
    }
}
