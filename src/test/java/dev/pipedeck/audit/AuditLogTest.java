package dev.pipedeck.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** Writing records: the fields, the chain, transactions, concurrency, failure, attempts and retention. */
class AuditLogTest extends AuditIntegrationTest {

    @Autowired
    AuditLog audit;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    AuditRetention retention;

    @Autowired
    AuditQueries queries;

    @Autowired
    PlatformTransactionManager transactionManager;

    @AfterEach
    void cleanUp() {
        signOut();
    }

    @Test
    void storesEveryFieldOfAnEntryAndChainsItToTheRecordBefore() {
        long before = lastRecordId();
        String previousHash = jdbc.queryForObject("select last_hash from audit_chain_head where id = 1", String.class);
        signInAs("carol", "OPERATOR");

        long id = audit.record(AuditEntry.of("pipe.scaling.update")
                .target(AuditTarget.pipe("org-1", "Acme", "svc-1", "warehouse", "pipe-1", "orders"))
                .request(Map.of("replicas", 3))
                .change(Map.of("replicas", 1), Map.of("replicas", 3))
                .httpStatus(200)
                .upstreamRequestId("req-123")
                .duration(Duration.ofMillis(42))
                .build());

        AuditRecord r = onlyRecordAfter(before);
        assertThat(r.id()).isEqualTo(id).isEqualTo(before + 1);
        assertThat(r.actor()).isEqualTo("carol");
        assertThat(r.actorRole()).isEqualTo("OPERATOR");
        // The test framework's mock request stands in for the current web request.
        assertThat(r.channel()).isEqualTo("web");
        assertThat(r.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(r.action()).isEqualTo("pipe.scaling.update");
        assertThat(r.organizationId()).isEqualTo("org-1");
        assertThat(r.organizationName()).isEqualTo("Acme");
        assertThat(r.serviceId()).isEqualTo("svc-1");
        assertThat(r.serviceName()).isEqualTo("warehouse");
        assertThat(r.pipeId()).isEqualTo("pipe-1");
        assertThat(r.pipeName()).isEqualTo("orders");
        assertThat(r.requestSummary()).isEqualTo("{\"replicas\":3}");
        assertThat(r.changeBefore()).isEqualTo("{\"replicas\":1}");
        assertThat(r.changeAfter()).isEqualTo("{\"replicas\":3}");
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.httpStatus()).isEqualTo(200);
        assertThat(r.upstreamRequestId()).isEqualTo("req-123");
        assertThat(r.durationMs()).isEqualTo(42L);
        assertThat(r.occurredAt()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(
                Duration.ofSeconds(30).toMillis(), java.time.temporal.ChronoUnit.MILLIS));
        assertThat(r.prevHash()).isEqualTo(previousHash);
        assertThat(r.hash()).isEqualTo(AuditHashing.hash(r)).hasSize(64);
    }

    @Test
    void recordsWithoutAUserOrRequestAreBySystem() {
        long before = lastRecordId();
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        RequestContextHolder.resetRequestAttributes();
        try {
            audit.record(AuditEntry.of("test.system").build());
        } finally {
            RequestContextHolder.setRequestAttributes(request);
        }
        AuditRecord r = onlyRecordAfter(before);
        assertThat(r.actor()).isEqualTo("system");
        assertThat(r.channel()).isEqualTo("system");
        assertThat(r.actorRole()).isNull();
        assertThat(r.clientAddress()).isNull();
    }

    @Test
    void verificationPassesOnAnIntactChain() {
        for (int i = 0; i < 5; i++) {
            audit.record(AuditEntry.of("test.intact").build());
        }
        AuditVerification result = verifier.verifyChain();
        assertThat(result.intact()).as(result.summary()).isTrue();
        assertThat(result.recordsChecked()).isGreaterThanOrEqualTo(5);
        assertThat(result.firstBrokenId()).isNull();
    }

    @Test
    void verificationNamesARecordAlteredInTheDatabase() {
        long tampered = audit.record(AuditEntry.of("pipe.state.stop").actor(AuditActor.of("mallory", "OPERATOR"))
                .build());
        audit.record(AuditEntry.of("test.after").build());
        jdbc.update("update audit_record set actor = 'alice' where id = ?", tampered);
        try {
            AuditVerification result = verifier.verifyChain();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenId()).isEqualTo(tampered);
            assertThat(result.summary()).contains("#" + tampered).contains("altered");
        } finally {
            jdbc.update("update audit_record set actor = 'mallory' where id = ?", tampered);
        }
        assertThat(verifier.verifyChain().intact()).isTrue();
    }

    @Test
    void verificationCatchesARecordWhoseHashWasRecomputedAndARemovedRecord() {
        long first = audit.record(AuditEntry.of("test.first").build());
        long second = audit.record(AuditEntry.of("test.second").build());
        audit.record(AuditEntry.of("test.third").build());
        Map<String, Object> original = jdbc.queryForMap("select action, hash from audit_record where id = ?", first);
        AuditRecord forged = recordsAfter(first - 1).get(0);
        AuditRecord rewritten = new AuditRecord(forged.id(), forged.occurredAt(), forged.actor(), forged.actorRole(),
                forged.channel(), forged.clientAddress(), forged.userAgent(), forged.consoleRequestId(), "test.forged",
                null, null, null, null, null, null, null, null, null, null, forged.outcome(), null, null, null, null,
                null, forged.prevHash(), null, null);
        jdbc.update("update audit_record set action = 'test.forged', hash = ? where id = ?",
                AuditHashing.hash(rewritten), first);
        try {
            AuditVerification result = verifier.verifyChain();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenId()).isEqualTo(second);
            assertThat(result.problem()).contains("does not follow");
        } finally {
            jdbc.update("update audit_record set action = ?, hash = ? where id = ?", original.get("action"),
                    original.get("hash"), first);
        }

        Map<String, Object> row = jdbc.queryForMap("select * from audit_record where id = ?", second);
        jdbc.update("delete from audit_record where id = ?", second);
        try {
            AuditVerification result = verifier.verifyChain();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenId()).isEqualTo(second + 1);
            assertThat(result.problem()).contains("#" + second).contains("missing");
        } finally {
            reinsert(row);
        }
        assertThat(verifier.verifyChain().intact()).isTrue();
    }

    @Test
    void verificationNoticesTheNewestRecordsRemoved() {
        audit.record(AuditEntry.of("test.tail").build());
        long last = lastRecordId();
        Map<String, Object> row = jdbc.queryForMap("select * from audit_record where id = ?", last);
        jdbc.update("delete from audit_record where id = ?", last);
        try {
            AuditVerification result = verifier.verifyChain();
            assertThat(result.intact()).isFalse();
            assertThat(result.problem()).contains("#" + last).contains("removed");
        } finally {
            reinsert(row);
        }
        assertThat(verifier.verifyChain().intact()).isTrue();
    }

    @Test
    void parallelWritersNeitherForkNorBreakTheChain() throws Exception {
        long before = lastRecordId();
        int threads = 8;
        int appendsEach = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String actor = "writer-" + t;
                writers.add(() -> {
                    for (int i = 0; i < appendsEach; i++) {
                        audit.record(AuditEntry.of("test.concurrent").actor(AuditActor.of(actor, "OPERATOR"))
                                .request(Map.of("n", i)).build());
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(writers, 2, TimeUnit.MINUTES)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<AuditRecord> written = recordsAfter(before);
        assertThat(written).hasSize(threads * appendsEach);
        for (int i = 1; i < written.size(); i++) {
            assertThat(written.get(i).id()).isEqualTo(written.get(i - 1).id() + 1);
            assertThat(written.get(i).prevHash()).isEqualTo(written.get(i - 1).hash());
            assertThat(written.get(i).occurredAt()).isAfterOrEqualTo(written.get(i - 1).occurredAt());
        }
        assertThat(written.stream().map(AuditRecord::prevHash).distinct()).hasSize(written.size());
        AuditVerification result = verifier.verifyChain();
        assertThat(result.intact()).as(result.summary()).isTrue();
    }

    @Test
    void aRecordJoinsTheCallersTransactionAndRollsBackWithIt() {
        long before = lastRecordId();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            audit.record(AuditEntry.of("test.rolled-back").build());
            throw new IllegalArgumentException("the change failed");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(recordsAfter(before)).isEmpty();
        assertThat(verifier.verifyChain().intact()).isTrue();

        transaction.executeWithoutResult(status -> audit.record(AuditEntry.of("test.committed").build()));
        assertThat(onlyRecordAfter(before).action()).isEqualTo("test.committed");
    }

    @Test
    void anIndependentRecordSurvivesTheCallersRollback() {
        long before = lastRecordId();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            audit.recordIndependently(AuditEntry.of("test.refused").invalid("no").build());
            throw new IllegalArgumentException("refused");
        })).isInstanceOf(IllegalArgumentException.class);
        AuditRecord r = onlyRecordAfter(before);
        assertThat(r.outcome()).isEqualTo("invalid");
        assertThat(r.errorText()).isEqualTo("no");
    }

    @Test
    void anIndependentRecordAfterJoiningIsRefusedInsteadOfWaitingForeverOnItsOwnLock() {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            audit.record(AuditEntry.of("test.joined").build());
            audit.recordIndependently(AuditEntry.of("test.separate").build());
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("suspended transaction");
    }

    @Test
    void failsClosedWhenTheAuditStoreCannotBeWritten() {
        long before = lastRecordId();
        jdbc.execute("create table audit_probe (id integer primary key)");
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        jdbc.execute("alter table audit_record rename to audit_record_unavailable");
        try {
            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                jdbc.update("insert into audit_probe (id) values (1)");
                audit.record(AuditEntry.of("test.unrecordable").build());
            })).isInstanceOf(AuditUnavailableException.class);
        } finally {
            jdbc.execute("alter table audit_record_unavailable rename to audit_record");
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_probe", Integer.class))
                .as("the change the record was for rolled back").isZero();
        jdbc.execute("drop table audit_probe");
        assertThat(recordsAfter(before)).isEmpty();
        assertThat(verifier.verifyChain().intact()).isTrue();
    }

    @Test
    void anAttemptAndItsResultAreTwoLinkedRecordsAndAnAttemptAloneIsOutcomeUnknown() {
        long before = lastRecordId();
        AuditEntry stop = AuditEntry.of("pipe.state.stop")
                .target(AuditTarget.pipe("org-9", null, "svc-9", null, "pipe-attempts", "clicks"))
                .request(Map.of("command", "stop")).build();

        String answer = audit.recordCall(stop, () -> "stopped", value -> AuditResult.success(200, "req-ok"),
                e -> AuditResult.upstreamError(null, e.getMessage(), null));
        assertThat(answer).isEqualTo("stopped");
        assertThatThrownBy(() -> audit.recordCall(stop, () -> {
            throw new IllegalStateException("424 FAILED_DEPENDENCY: service idle");
        }, e -> AuditResult.upstreamError(424, e.getMessage(), "req-idle"))).hasMessageContaining("idle");
        AuditAttempt lost = audit.recordAttempt(stop);

        List<AuditRecord> records = recordsAfter(before);
        assertThat(records).extracting(AuditRecord::outcome)
                .containsExactly("attempt", "success", "attempt", "upstream_error", "attempt");
        assertThat(records.get(1).attemptId()).isEqualTo(records.get(0).id());
        assertThat(records.get(1).requestSummary()).isNull();
        assertThat(records.get(1).durationMs()).isNotNull();
        assertThat(records.get(3).attemptId()).isEqualTo(records.get(2).id());
        assertThat(records.get(3).httpStatus()).isEqualTo(424);
        assertThat(records.get(3).errorText()).contains("service idle");
        assertThat(records.get(3).upstreamRequestId()).isEqualTo("req-idle");

        List<AuditRecord> recent = queries.recentForPipe("pipe-attempts", 10);
        assertThat(recent).extracting(AuditRecord::id).containsExactly(lost.recordId(), records.get(3).id(),
                records.get(2).id(), records.get(1).id(), records.get(0).id());
        assertThat(recent.get(0).isOutcomeUnknown()).isTrue();
        assertThat(recent.get(0).outcomeLabel()).isEqualTo("Outcome unknown");
        assertThat(recent.get(2).isOutcomeUnknown()).isFalse();
        assertThat(recent.get(2).resultId()).isEqualTo(records.get(3).id());

        AuditPage unknown = queries.search(new AuditFilter(null, null, null, null, null, null, "pipe-attempts",
                "unknown", null));
        assertThat(unknown.records()).extracting(AuditRecord::id).containsExactly(lost.recordId());
    }

    @Test
    void retentionPurgesOldRecordsAndLeavesAnAnchorSoTheRestStillVerifies() {
        audit.record(AuditEntry.of("test.old").build());
        long lastOld = lastRecordId();
        Instant cutoff = jdbc.queryForObject("select occurred_at from audit_record where id = ?",
                java.time.OffsetDateTime.class, lastOld).toInstant().plusNanos(1000);
        waitPast(cutoff);
        long kept = audit.record(AuditEntry.of("test.kept").build());

        long purged = retention.purgeOlderThan(cutoff);

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_record where id <= ?", Long.class, lastOld))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_record where id = ?", Long.class, kept))
                .isOne();
        AuditRecord purgeRecord = recordsAfter(kept).get(0);
        assertThat(purgeRecord.action()).isEqualTo("audit.retention.purged");
        assertThat(purgeRecord.actor()).isEqualTo("system");
        AuditVerification result = verifier.verifyChain();
        assertThat(result.intact()).as(result.summary()).isTrue();
        assertThat(result.anchoredFromId()).isEqualTo(lastOld + 1);

        jdbc.update("update audit_anchor set purged_count = purged_count + 1");
        try {
            AuditVerification forged = verifier.verifyChain();
            assertThat(forged.intact()).isFalse();
            assertThat(forged.problem()).contains("anchor");
        } finally {
            jdbc.update("update audit_anchor set purged_count = purged_count - 1");
        }
        assertThat(retention.purgeOlderThan(cutoff)).as("nothing older is left").isZero();
        assertThat(verifier.verifyChain().intact()).isTrue();
    }

    private static void waitPast(Instant instant) {
        while (!Instant.now().isAfter(instant.plusMillis(2))) {
            Thread.onSpinWait();
        }
    }

    private void reinsert(Map<String, Object> row) {
        List<String> columns = new ArrayList<>(row.keySet());
        String sql = "insert into audit_record (" + String.join(", ", columns) + ") values ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        jdbc.update(sql, columns.stream().map(row::get).toArray());
    }
}
