package dev.pipedeck.cloud;

import java.io.Serializable;

/**
 * A ClickHouse Cloud failure as a person should see it: the API's own message, its HTTP status and the requestId
 * to quote to support. Never a stack trace; secrets were already masked by the client.
 */
public record CloudProblem(String message, Integer status, String code, String requestId, boolean serviceIdle,
        boolean outcomeUnknown) implements Serializable {

    /** A problem whose outcome is known: nothing changed. */
    public CloudProblem(String message, Integer status, String code, String requestId, boolean serviceIdle) {
        this(message, status, code, requestId, serviceIdle, false);
    }

    /**
     * The problem as a person should see it. {@code outcomeUnknown} is set when the request was sent and no answer
     * came ({@link CloudNoAnswerException}): a change may or may not have been made.
     */
    public static CloudProblem of(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof CloudException) && cause.getCause() != null
                && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof CloudApiException api) {
            return new CloudProblem(api.message(), api.status(), api.code(), api.requestId(),
                    api instanceof ServiceIdleException);
        }
        if (cause instanceof CloudException cloud) {
            return new CloudProblem(cloud.getMessage(), null, null, null, false,
                    cloud instanceof CloudNoAnswerException);
        }
        return new CloudProblem("ClickHouse Cloud could not be reached.", null, null, null, false);
    }

    /**
     * Whether a change that met this problem may nonetheless have been made: no answer came, ClickHouse Cloud failed
     * with a 5xx while handling it, or it said yes in a body Pipedeck cannot read.
     */
    public boolean changeMayHaveHappened() {
        return outcomeUnknown || status != null && (status >= 500 || status >= 200 && status < 300);
    }

    /** One line for flash messages and audit records: message, status and requestId. */
    public String summary() {
        StringBuilder text = new StringBuilder(message == null ? "ClickHouse Cloud answered with an error" : message);
        if (status != null) {
            text.append(" (HTTP ").append(status).append(')');
        }
        if (requestId != null) {
            text.append(" — requestId ").append(requestId);
        }
        return text.toString();
    }
}
