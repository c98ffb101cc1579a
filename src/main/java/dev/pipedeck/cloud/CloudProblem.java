package dev.pipedeck.cloud;

import java.io.Serializable;

/**
 * A ClickHouse Cloud failure as a person should see it: the API's own message, its HTTP status and the requestId
 * to quote to support. Never a stack trace; secrets were already masked by the client.
 */
public record CloudProblem(String message, Integer status, String code, String requestId, boolean serviceIdle)
        implements Serializable {

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
            return new CloudProblem(cloud.getMessage(), null, null, null, false);
        }
        return new CloudProblem("ClickHouse Cloud could not be reached.", null, null, null, false);
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
