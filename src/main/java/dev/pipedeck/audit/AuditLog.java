package dev.pipedeck.audit;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import tools.jackson.databind.node.NullNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where every feature records what it does. The one way in for writes; nothing updates or deletes records.
 *
 * <ul>
 * <li>{@link #record(AuditEntry)}: a change to the console's own data. Joins the caller's transaction, so the record
 * and the change commit or roll back together. Call it at the end of that transaction: from the append on, the
 * transaction holds the chain lock and other appends wait for it.</li>
 * <li>{@link #recordIndependently(AuditEntry)}: a refusal (denied, invalid) that the caller's transaction will roll
 * back: committed on its own, at once.</li>
 * <li>{@link #recordAttempt(AuditEntry)} before a call to ClickHouse Cloud, then
 * {@link #recordResult(AuditAttempt, AuditResult)} after it; or {@link #recordCall} for both around a call.</li>
 * </ul>
 *
 * Fails closed: when the record cannot be written, an {@link AuditUnavailableException} propagates and the action
 * must not go ahead (for {@link #record} the caller's transaction is rolled back with it).
 */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final AuditChainWriter writer;
    private final TransactionTemplate joining;
    private final TransactionTemplate separate;

    public AuditLog(AuditChainWriter writer, PlatformTransactionManager transactionManager) {
        this.writer = writer;
        this.joining = new TransactionTemplate(transactionManager);
        this.joining.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.separate = new TransactionTemplate(transactionManager);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records a change in the caller's transaction (or in a transaction of its own when there is none).
     *
     * @return the new record's id
     */
    public long record(AuditEntry entry) {
        RequestFacts facts = RequestFacts.resolve(entry);
        return write(joining, () -> draft(entry, facts, null, entry.duration())).id();
    }

    /** Records in a transaction of its own, committed before this returns (refusals the caller then rolls back). */
    public long recordIndependently(AuditEntry entry) {
        RequestFacts facts = RequestFacts.resolve(entry);
        return write(separate, () -> draft(entry, facts, null, entry.duration())).id();
    }

    /**
     * Records, and commits, that a call to ClickHouse Cloud is about to be made. Make the call only when this
     * returns; then record its result.
     */
    public AuditAttempt recordAttempt(AuditEntry entry) {
        AuditEntry attempt = entry.toBuilder().outcome(AuditOutcome.ATTEMPT).build();
        RequestFacts facts = RequestFacts.resolve(attempt);
        AuditRecord record = write(separate, () -> draft(attempt, facts, null, null));
        return new AuditAttempt(record.id(), attempt, facts, System.nanoTime());
    }

    /**
     * Records how an attempted call ended, referencing the attempt, with the time since the attempt was recorded.
     * Committed on its own: the upstream call has happened whatever the caller's transaction does next.
     */
    public long recordResult(AuditAttempt attempt, AuditResult result) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - attempt.startedNanos());
        AuditEntry.Builder builder = attempt.entry().toBuilder()
                .outcome(result.outcome())
                .httpStatus(result.httpStatus())
                .error(result.errorText())
                .upstreamRequestId(result.upstreamRequestId())
                .request(null)
                .noChange();
        if (result.hasChange()) {
            builder.change(result.changeBefore(), result.changeAfter());
        }
        AuditEntry entry = builder.build();
        return write(separate, () -> draft(entry, attempt.facts(), attempt.recordId(), elapsed)).id();
    }

    /**
     * Records an attempt, makes the call, records its result and returns what the call returned. When the call
     * throws, {@code failure} says what result to record and the exception is rethrown; when it answers null (the
     * call was sent and no answer came) no result is recorded and the attempt stays "outcome unknown".
     */
    public <T> T recordCall(AuditEntry entry, Supplier<T> call, Function<RuntimeException, AuditResult> failure) {
        return recordCall(entry, call, value -> AuditResult.success(), failure);
    }

    /** As {@link #recordCall(AuditEntry, Supplier, Function)}, with the success result read from the value. */
    public <T> T recordCall(AuditEntry entry, Supplier<T> call, Function<T, AuditResult> success,
            Function<RuntimeException, AuditResult> failure) {
        AuditAttempt attempt = recordAttempt(entry);
        T value;
        try {
            value = call.get();
        } catch (RuntimeException e) {
            AuditResult result;
            try {
                result = failure.apply(e);
            } catch (RuntimeException classifierFailed) {
                result = AuditResult.upstreamError(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
            }
            if (result == null) {
                log.warn("No answer to {} (audit record #{}): its outcome is unknown", attempt.entry().action(),
                        attempt.recordId());
                throw e;
            }
            try {
                recordResult(attempt, result);
            } catch (AuditUnavailableException unrecorded) {
                e.addSuppressed(unrecorded);
            }
            throw e;
        }
        recordResult(attempt, success.apply(value));
        return value;
    }

    private AuditRecord write(TransactionTemplate transaction, Supplier<AuditChainWriter.Draft> draft) {
        AuditChainWriter.Draft prepared = draft.get();
        try {
            return transaction.execute(status -> writer.append(prepared));
        } catch (IllegalStateException misuse) {
            throw misuse;
        } catch (RuntimeException e) {
            log.error("Audit record for {} could not be written; the action is refused", prepared.action(), e);
            throw new AuditUnavailableException("The audit log could not be written", e);
        }
    }

    private static AuditChainWriter.Draft draft(AuditEntry entry, RequestFacts facts, Long attemptId,
            Duration duration) {
        Set<String> secrets = new HashSet<>(entry.secretValues());
        String summary = entry.requestJson() != null
                ? AuditRedactor.redactedJsonText(entry.requestJson(), secrets)
                : AuditRedactor.redactedJson(entry.request(), secrets);
        String before = entry.hasChange() ? AuditRedactor.redactedJson(orNullNode(entry.changeBefore()), secrets) : null;
        String after = entry.hasChange() ? AuditRedactor.redactedJson(orNullNode(entry.changeAfter()), secrets) : null;
        RequestFacts scrubbedFacts = new RequestFacts(
                new AuditActor(AuditRedactor.redactText(facts.actor().username(), secrets), facts.actor().role()),
                facts.channel(), facts.clientAddress(), AuditRedactor.redactText(facts.userAgent(), secrets),
                facts.consoleRequestId());
        AuditTarget t = entry.target();
        AuditTarget target = new AuditTarget(t.organizationId(), AuditRedactor.redactText(t.organizationName(), secrets),
                t.serviceId(), AuditRedactor.redactText(t.serviceName(), secrets), t.pipeId(),
                AuditRedactor.redactText(t.pipeName(), secrets), AuditRedactor.redactText(t.account(), secrets));
        return new AuditChainWriter.Draft(scrubbedFacts, entry.action(), target, summary, before, after,
                entry.outcome(), entry.httpStatus(), AuditRedactor.redactText(entry.errorText(), secrets),
                entry.upstreamRequestId(), attemptId, duration == null ? null : duration.toMillis());
    }

    private static Object orNullNode(Object value) {
        return value == null ? NullNode.getInstance() : value;
    }
}
