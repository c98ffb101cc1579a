package dev.pipedeck.users;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The failure count of one throttle key in its current window. */
@Entity
@Table(name = "login_throttle")
class LoginThrottleEntry {

    @Id
    @Column(name = "throttle_key", length = 400)
    private String key;

    @Column(name = "window_started_at", nullable = false)
    private Instant windowStartedAt;

    @Column(nullable = false)
    private int failures;

    @Column(name = "blocked_until")
    private Instant blockedUntil;

    protected LoginThrottleEntry() {
    }

    LoginThrottleEntry(String key, Instant now) {
        this.key = key;
        this.windowStartedAt = now;
    }

    boolean isBlockedAt(Instant now) {
        return blockedUntil != null && blockedUntil.isAfter(now);
    }

    Instant blockedUntil() {
        return blockedUntil;
    }

    void recordFailure(Instant now, LoginProperties rules, int limit) {
        if (isBlockedAt(now)) {
            return;
        }
        if (windowStartedAt.plus(rules.window()).isBefore(now)) {
            windowStartedAt = now;
            failures = 0;
            blockedUntil = null;
        }
        failures++;
        if (failures >= limit) {
            blockedUntil = now.plus(rules.block());
            // The next window starts after the block, with a clean count.
            windowStartedAt = blockedUntil;
            failures = 0;
        }
    }
}
