package dev.pipedeck.cloud;

/** Which failed tries of a call may be repeated. */
enum RetryPolicy {

    /** Nothing is repeated: the answer, whatever it is, goes back to the caller. */
    NEVER(false, false),

    /** Only HTTP 429, which ClickHouse Cloud answers without processing the request. */
    RATE_LIMITED(true, false),

    /** HTTP 429, and for calls safe to repeat (GET, PUT of settings) also 5xx answers and failed connections. */
    RATE_LIMITED_AND_TRANSIENT(true, true);

    private final boolean rateLimited;
    private final boolean transientFailures;

    RetryPolicy(boolean rateLimited, boolean transientFailures) {
        this.rateLimited = rateLimited;
        this.transientFailures = transientFailures;
    }

    boolean retriesRateLimited() {
        return rateLimited;
    }

    boolean retriesTransientFailures() {
        return transientFailures;
    }
}
