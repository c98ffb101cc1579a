package dev.pipedeck.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Optional retention ({@code pipedeck.audit.retention-days}): once a day, records older than that are deleted in one
 * transaction that holds the chain lock, leaves a signed anchor naming the last purged record and its hash (so the
 * remaining chain still verifies), and records the purge itself. Without the setting nothing is ever deleted.
 */
@Component
public class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final JdbcTemplate jdbc;
    private final AuditChainWriter writer;
    private final AuditLog auditLog;
    private final AuditAnchorSigner signer;
    private final AuditProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public AuditRetention(JdbcTemplate jdbc, AuditChainWriter writer, AuditLog auditLog, AuditAnchorSigner signer,
            AuditProperties properties, Clock clock, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.writer = writer;
        this.auditLog = auditLog;
        this.signer = signer;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @Scheduled(cron = "${pipedeck.audit.retention-cron:0 17 3 * * *}")
    public void purgeExpired() {
        if (!properties.retentionEnabled()) {
            return;
        }
        Instant cutoff = clock.instant().minus(Duration.ofDays(properties.retentionDays()));
        long purged = purgeOlderThan(cutoff);
        if (purged > 0) {
            log.info("Audit retention purged {} records older than {}", purged, cutoff);
        }
    }

    /** Purges the records that occurred before {@code cutoff}; returns how many. */
    public long purgeOlderThan(Instant cutoff) {
        Long purged = transaction.execute(status -> {
            writer.lockHead();
            List<Map<String, Object>> last = jdbc.queryForList("select id, hash from audit_record "
                    + "where occurred_at < ? order by occurred_at desc, id desc limit 1",
                    AuditChainWriter.utc(cutoff));
            if (last.isEmpty()) {
                return 0L;
            }
            long throughId = ((Number) last.get(0).get("id")).longValue();
            String throughHash = (String) last.get(0).get("hash");
            List<String> previous = jdbc.queryForList(
                    "select signature from audit_anchor order by id desc limit 1", String.class);
            int count = jdbc.update("delete from audit_record where id <= ?", throughId);
            jdbc.update("delete from audit_pending_attempt where attempt_id <= ?", throughId);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String kind = signer.kind();
            String signature = signer.sign(kind, now, throughId, throughHash, count,
                    previous.isEmpty() ? null : previous.get(0));
            jdbc.update("insert into audit_anchor (created_at, purged_through_id, purged_through_hash, purged_count, "
                    + "signature_kind, signature) values (?, ?, ?, ?, ?, ?)",
                    AuditChainWriter.utc(now), throughId, throughHash, count, kind, signature);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("olderThan", cutoff.toString());
            summary.put("purgedThroughId", throughId);
            summary.put("purgedCount", count);
            auditLog.record(AuditEntry.of("audit.retention.purged").actor(AuditActor.system())
                    .channel(RequestFacts.CHANNEL_SYSTEM).request(summary).build());
            return (long) count;
        });
        return purged == null ? 0 : purged;
    }
}
