package dev.pipedeck.audit;

/**
 * An attempt record already committed before a call to ClickHouse Cloud: pass it to
 * {@link AuditLog#recordResult(AuditAttempt, AuditResult)} when the call returns or fails. An attempt that never gets
 * its result shows as "outcome unknown".
 */
public final class AuditAttempt {

    private final long recordId;
    private final AuditEntry entry;
    private final RequestFacts facts;
    private final long startedNanos;

    AuditAttempt(long recordId, AuditEntry entry, RequestFacts facts, long startedNanos) {
        this.recordId = recordId;
        this.entry = entry;
        this.facts = facts;
        this.startedNanos = startedNanos;
    }

    /** The id of the attempt record. */
    public long recordId() {
        return recordId;
    }

    public AuditEntry entry() {
        return entry;
    }

    RequestFacts facts() {
        return facts;
    }

    long startedNanos() {
        return startedNanos;
    }
}
