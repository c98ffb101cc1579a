package dev.pipedeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.pipedeck.testsupport.MutableClock;

/** ClickHouse Cloud's per-key budget: a sliding window per key, and how long to wait when it is spent. */
class KeyBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void tenRequestsPerTenSecondsPerKey() {
        KeyBudget budget = new KeyBudget(properties(true), clock);

        for (int i = 0; i < 10; i++) {
            assertThat(budget.overBudget("key-a")).as("request " + (i + 1)).isNull();
            clock.advance(Duration.ofMillis(500));
        }
        assertThat(budget.overBudget("key-a")).as("the 11th within 10 s").isEqualTo(Duration.ofMillis(5000));
        assertThat(budget.overBudget("key-b")).as("another key has its own budget").isNull();

        clock.advance(Duration.ofMillis(5001));
        assertThat(budget.overBudget("key-a")).as("the first request left the window").isNull();
    }

    @Test
    void nothingIsEnforcedUnlessAsked() {
        KeyBudget budget = new KeyBudget(properties(false), clock);

        for (int i = 0; i < 100; i++) {
            assertThat(budget.overBudget("key-a")).isNull();
        }
    }

    private static SandboxProperties properties(boolean enforced) {
        return new SandboxProperties(true, Duration.ofSeconds(3), 0, null,
                new SandboxProperties.RateLimit(enforced, 10, Duration.ofSeconds(10)));
    }
}
