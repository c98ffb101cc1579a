package dev.pipedeck.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends records to the chain. Runs inside the caller's transaction: it locks the single chain head row
 * ({@code SELECT ... FOR UPDATE}), so appends from every thread and every instance sharing the database happen one
 * after the other, each taking the next id, a time no earlier than the last, and the last hash as its previous hash.
 * The lock is held until that transaction ends, so a record and the change it records commit, or roll back, together.
 */
@Component
class AuditChainWriter {

    static final int MAX_SUMMARY_LENGTH = 200_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AuditProperties properties;
    private volatile Boolean postgres;

    AuditChainWriter(JdbcTemplate jdbc, Clock clock, AuditProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** The record's content, before it has its place in the chain. */
    record Draft(RequestFacts facts, String action, AuditTarget target, String requestSummary, String changeBefore,
            String changeAfter, AuditOutcome outcome, Integer httpStatus, String errorText, String upstreamRequestId,
            Long attemptId, Long durationMs) {
    }

    /** Appends one record; must run in a transaction, which then holds the chain lock until it ends. */
    AuditRecord append(Draft draft) {
        Head head = lockHead();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (head.lastOccurredAt() != null && now.isBefore(head.lastOccurredAt())) {
            now = head.lastOccurredAt();
        }
        AuditRecord unsealed = toRecord(head.lastRecordId() + 1, now, head.lastHash(), draft, null);
        AuditRecord sealed = toRecord(unsealed.id(), now, head.lastHash(), draft, AuditHashing.hash(unsealed));
        insert(sealed);
        if (sealed.isAttempt()) {
            jdbc.update("insert into audit_pending_attempt (attempt_id) values (?)", sealed.id());
        } else if (sealed.attemptId() != null) {
            jdbc.update("delete from audit_pending_attempt where attempt_id = ?", sealed.attemptId());
        }
        jdbc.update("update audit_chain_head set last_record_id = ?, last_hash = ?, last_occurred_at = ? where id = 1",
                sealed.id(), sealed.hash(), utc(sealed.occurredAt()));
        return sealed;
    }

    /**
     * Locks the chain head for the rest of the current transaction (other appenders wait) and reads it. Must run in
     * a transaction.
     */
    Head lockHead() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The audit chain is only changed inside a transaction");
        }
        ChainLockGuard.beforeLocking();
        if (isPostgres()) {
            jdbc.execute("set local lock_timeout = '" + properties.lockTimeout().toMillis() + "ms'");
        }
        Head head = jdbc.queryForObject(
                "select last_record_id, last_hash, last_occurred_at from audit_chain_head where id = 1 for update",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2), instant(rs, 3)));
        return Objects.requireNonNull(head, "audit_chain_head has no row");
    }

    private static AuditRecord toRecord(long id, Instant at, String prevHash, Draft d, String hash) {
        RequestFacts f = d.facts();
        AuditTarget t = d.target();
        return new AuditRecord(id, at,
                AuditText.clean(f.actor().username(), 128),
                AuditText.clean(f.actor().role(), 32),
                AuditText.clean(f.channel(), 16),
                AuditText.clean(f.clientAddress(), 64),
                AuditText.clean(f.userAgent(), 512),
                AuditText.clean(f.consoleRequestId(), 64),
                AuditText.clean(d.action(), 64),
                AuditText.clean(t.organizationId(), 64),
                AuditText.clean(t.organizationName(), 255),
                AuditText.clean(t.serviceId(), 64),
                AuditText.clean(t.serviceName(), 255),
                AuditText.clean(t.pipeId(), 64),
                AuditText.clean(t.pipeName(), 255),
                AuditText.clean(t.account(), 128),
                AuditText.clean(d.requestSummary(), MAX_SUMMARY_LENGTH),
                AuditText.clean(d.changeBefore(), MAX_SUMMARY_LENGTH),
                AuditText.clean(d.changeAfter(), MAX_SUMMARY_LENGTH),
                d.outcome().code(),
                d.httpStatus(),
                AuditText.clean(d.errorText(), 2000),
                AuditText.clean(d.upstreamRequestId(), 128),
                d.attemptId(),
                d.durationMs(),
                prevHash, hash, null);
    }

    private void insert(AuditRecord r) {
        jdbc.update("""
                insert into audit_record (id, occurred_at, actor, actor_role, channel, client_address, user_agent,
                    console_request_id, action, organization_id, organization_name, service_id, service_name, pipe_id,
                    pipe_name, target_account, request_summary, change_before, change_after, outcome, http_status,
                    error_text, upstream_request_id, attempt_id, duration_ms, search_text, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                r.id(), utc(r.occurredAt()), r.actor(), r.actorRole(), r.channel(), r.clientAddress(), r.userAgent(),
                r.consoleRequestId(), r.action(), r.organizationId(), r.organizationName(), r.serviceId(),
                r.serviceName(), r.pipeId(), r.pipeName(), r.targetAccount(), r.requestSummary(), r.changeBefore(),
                r.changeAfter(), r.outcome(), r.httpStatus(), r.errorText(), r.upstreamRequestId(), r.attemptId(),
                r.durationMs(), searchText(r), r.prevHash(), r.hash());
    }

    /** What the free-text filter matches: the record's words, lower-cased, within the column. */
    static String searchText(AuditRecord r) {
        String text = Stream.of(r.actor(), r.action(), r.outcome(), r.organizationId(), r.organizationName(),
                        r.serviceId(), r.serviceName(), r.pipeId(), r.pipeName(), r.targetAccount(), r.errorText(),
                        r.upstreamRequestId(), r.consoleRequestId(), r.clientAddress(), r.requestSummary())
                .filter(Objects::nonNull)
                .collect(Collectors.joining(" "))
                .toLowerCase(Locale.ROOT);
        return AuditText.clean(text, 4000);
    }

    private boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            known = jdbc.execute((ConnectionCallback<Boolean>) con ->
                    con.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres"));
            postgres = known;
        }
        return Boolean.TRUE.equals(known);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    record Head(long lastRecordId, String lastHash, Instant lastOccurredAt) {
    }
}
