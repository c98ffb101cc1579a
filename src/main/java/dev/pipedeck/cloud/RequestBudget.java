package dev.pipedeck.cloud;

import java.time.Duration;

/**
 * How many requests one API key may send to ClickHouse Cloud within a window (the published limit is 10 per 10 s
 * per key). Pipedeck never sends more; requests beyond it wait their turn.
 */
public record RequestBudget(int requests, Duration window) {

    public static final RequestBudget PUBLISHED_LIMIT = new RequestBudget(10, Duration.ofSeconds(10));

    public RequestBudget {
        if (requests < 1) {
            throw new IllegalArgumentException("a request budget allows at least one request");
        }
        if (window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a request budget needs a positive window");
        }
    }
}
