package dev.pipedeck.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Verify integrity": walks the chain from the first record (or from the latest retention anchor) to the chain
 * head, recomputing every hash, and names the first record that does not match.
 */
@Service
public class AuditVerifier {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final AuditAnchorSigner signer;
    private final Clock clock;

    public AuditVerifier(DataSource dataSource, PlatformTransactionManager transactionManager,
            AuditAnchorSigner signer, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.signer = signer;
        this.clock = clock;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public AuditVerification verify() {
        return verifyChain();
    }

    AuditVerification verifyChain() {
        Instant now = clock.instant();
        return readOnly.execute(status -> {
            List<Anchor> anchors = jdbc.query("select id, created_at, purged_through_id, purged_through_hash, "
                    + "purged_count, signature_kind, signature from audit_anchor order by id",
                    (rs, n) -> new Anchor(rs.getLong(1), AuditChainWriter.instant(rs, 2), rs.getLong(3),
                            rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7)));
            String previousSignature = null;
            for (Anchor anchor : anchors) {
                if (!signer.verify(anchor.kind(), anchor.createdAt(), anchor.purgedThroughId(),
                        anchor.purgedThroughHash(), anchor.purgedCount(), previousSignature, anchor.signature())) {
                    return broken(0, null, "the retention anchor #" + anchor.id() + " (records up to #"
                            + anchor.purgedThroughId() + " purged) does not match its signature.", null, now);
                }
                previousSignature = anchor.signature();
            }
            Anchor latest = anchors.isEmpty() ? null : anchors.get(anchors.size() - 1);
            long expectedId = latest == null ? 1 : latest.purgedThroughId() + 1;
            String expectedPrev = latest == null ? AuditHashing.GENESIS : latest.purgedThroughHash();
            Long anchoredFrom = latest == null ? null : expectedId;
            long checked = 0;
            try (Stream<AuditRecord> records = jdbc.queryForStream("select " + AuditRecordQuery.COLUMNS
                    + " from audit_record a where a.id >= ? order by a.id", AuditRecordQuery.ROW, expectedId)) {
                Iterator<AuditRecord> it = records.iterator();
                while (it.hasNext()) {
                    AuditRecord record = it.next();
                    if (record.id() != expectedId) {
                        return broken(checked, record.id(), "the record" + (record.id() - expectedId == 1 ? " " : "s ")
                                + describeRange(expectedId, record.id() - 1) + " before it "
                                + (record.id() - expectedId == 1 ? "is" : "are") + " missing.", anchoredFrom, now);
                    }
                    if (!AuditHashing.hash(record).equals(record.hash())) {
                        return broken(checked, record.id(),
                                "its content does not match its hash: it was altered after it was written.",
                                anchoredFrom, now);
                    }
                    if (!record.prevHash().equals(expectedPrev)) {
                        return broken(checked, record.id(), "it does not follow the record before it (its previous "
                                + "hash differs): a record before it was altered, replaced or removed.",
                                anchoredFrom, now);
                    }
                    expectedPrev = record.hash();
                    expectedId++;
                    checked++;
                }
            }
            long lastId = expectedId - 1;
            String lastHash = expectedPrev;
            Boolean headMatches = jdbc.queryForObject(
                    "select last_record_id, last_hash from audit_chain_head where id = 1",
                    (rs, n) -> rs.getLong(1) == lastId && lastHash.equals(rs.getString(2)));
            if (!Boolean.TRUE.equals(headMatches)) {
                Long headId = jdbc.queryForObject("select last_record_id from audit_chain_head where id = 1",
                        Long.class);
                return broken(checked, null, "the chain ends at #" + lastId + " but its head names #" + headId
                        + ": the latest records were removed or the head was altered.", anchoredFrom, now);
            }
            return new AuditVerification(true, checked, null, null, anchoredFrom, now);
        });
    }

    private static String describeRange(long from, long to) {
        return from == to ? "#" + from : "#" + from + "–#" + to;
    }

    private static AuditVerification broken(long checked, Long id, String problem, Long anchoredFrom, Instant now) {
        return new AuditVerification(false, checked, id, problem, anchoredFrom, now);
    }

    private record Anchor(long id, Instant createdAt, long purgedThroughId, String purgedThroughHash,
            long purgedCount, String kind, String signature) {
    }
}
