package dev.pipedeck.audit;

/**
 * How a call to ClickHouse Cloud ended, recorded after it against its {@link AuditAttempt}: the outcome, the HTTP
 * status, the error text and ClickHouse's requestId, and optionally the state before and after.
 */
public record AuditResult(AuditOutcome outcome, Integer httpStatus, String errorText, String upstreamRequestId,
        Object changeBefore, Object changeAfter, boolean hasChange) {

    public AuditResult {
        if (outcome == null || outcome == AuditOutcome.ATTEMPT) {
            throw new IllegalArgumentException("A result needs a final outcome, not " + outcome);
        }
    }

    public static AuditResult success(Integer httpStatus, String upstreamRequestId) {
        return new AuditResult(AuditOutcome.SUCCESS, httpStatus, null, upstreamRequestId, null, null, false);
    }

    public static AuditResult success() {
        return success(null, null);
    }

    public static AuditResult upstreamError(Integer httpStatus, String errorText, String upstreamRequestId) {
        return new AuditResult(AuditOutcome.UPSTREAM_ERROR, httpStatus, errorText, upstreamRequestId, null, null,
                false);
    }

    /** ClickHouse Cloud refused the request as invalid (a 400 or 422 it explained). */
    public static AuditResult invalid(Integer httpStatus, String errorText, String upstreamRequestId) {
        return new AuditResult(AuditOutcome.INVALID, httpStatus, errorText, upstreamRequestId, null, null, false);
    }

    public static AuditResult denied(Integer httpStatus, String errorText, String upstreamRequestId) {
        return new AuditResult(AuditOutcome.DENIED, httpStatus, errorText, upstreamRequestId, null, null, false);
    }

    /** The same result, with the values before and after the change (for scaling and settings). */
    public AuditResult withChange(Object before, Object after) {
        return new AuditResult(outcome, httpStatus, errorText, upstreamRequestId, before, after, true);
    }
}
