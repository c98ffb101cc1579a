package dev.pipedeck.audit;

import java.time.Instant;

/**
 * One stored audit record, as read back. Everything but {@code resultId} is covered by {@code hash}, which is the
 * SHA-256 over the record's canonical content and {@code prevHash}, the hash of the record before it.
 *
 * @param requestSummary what was sent, as JSON with secrets replaced by {@code [redacted]}
 * @param changeBefore   for settings and scaling changes, the values before (JSON), else null
 * @param changeAfter    for settings and scaling changes, the values after (JSON), else null
 * @param attemptId      on a result record, the id of the attempt record it completes
 * @param resultId       on an attempt record, the id of its result record; null while the outcome is unknown.
 *                       Looked up when reading, not stored, not hashed.
 */
public record AuditRecord(long id, Instant occurredAt, String actor, String actorRole, String channel,
        String clientAddress, String userAgent, String consoleRequestId, String action, String organizationId,
        String organizationName, String serviceId, String serviceName, String pipeId, String pipeName,
        String targetAccount, String requestSummary, String changeBefore, String changeAfter, String outcome,
        Integer httpStatus, String errorText, String upstreamRequestId, Long attemptId, Long durationMs,
        String prevHash, String hash, Long resultId) {

    public boolean isAttempt() {
        return AuditOutcome.ATTEMPT.code().equals(outcome);
    }

    /** An attempt whose result was never recorded: the call may or may not have reached ClickHouse Cloud. */
    public boolean isOutcomeUnknown() {
        return isAttempt() && resultId == null;
    }

    public boolean isResult() {
        return attemptId != null;
    }

    public boolean hasChange() {
        return changeBefore != null || changeAfter != null;
    }

    public String outcomeLabel() {
        if (isOutcomeUnknown()) {
            return "Outcome unknown";
        }
        return AuditOutcome.fromCode(outcome).map(AuditOutcome::label).orElse(outcome);
    }

    /** How the outcome badge looks: ok, warn, danger or muted. */
    public String outcomeStyle() {
        if (isOutcomeUnknown()) {
            return "warn";
        }
        return switch (AuditOutcome.fromCode(outcome).orElse(AuditOutcome.ATTEMPT)) {
            case SUCCESS -> "ok";
            case INVALID -> "warn";
            case DENIED, UPSTREAM_ERROR -> "danger";
            case ATTEMPT -> "muted";
        };
    }

    /** A short name for what the action was done to: pipe, service, organization or account. */
    public String targetLabel() {
        if (pipeName != null || pipeId != null) {
            return "pipe " + (pipeName != null ? pipeName : pipeId);
        }
        if (serviceName != null || serviceId != null) {
            return "service " + (serviceName != null ? serviceName : serviceId);
        }
        if (organizationName != null || organizationId != null) {
            return "organization " + (organizationName != null ? organizationName : organizationId);
        }
        if (targetAccount != null) {
            return "account " + targetAccount;
        }
        return "";
    }

    AuditRecord withResultId(Long resultId) {
        return new AuditRecord(id, occurredAt, actor, actorRole, channel, clientAddress, userAgent, consoleRequestId,
                action, organizationId, organizationName, serviceId, serviceName, pipeId, pipeName, targetAccount,
                requestSummary, changeBefore, changeAfter, outcome, httpStatus, errorText, upstreamRequestId,
                attemptId, durationMs, prevHash, hash, resultId);
    }
}
