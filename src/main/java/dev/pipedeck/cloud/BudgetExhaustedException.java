package dev.pipedeck.cloud;

import java.time.Duration;

/**
 * Pipedeck itself held a request back: the key's request budget would not free a slot within the longest wait.
 * Nothing was sent to ClickHouse Cloud.
 */
public class BudgetExhaustedException extends CloudException {

    private final Duration retryAfter;

    public BudgetExhaustedException(Duration retryAfter) {
        super("Pipedeck is holding requests back to stay within this API key's request budget; try again in "
                + Math.max(1, retryAfter.toSeconds()) + " s.", null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
