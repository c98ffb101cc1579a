package dev.pipedeck.audit;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Benchmark, not a test: fills 1,000,000 hash-chained audit records into PostgreSQL (schema
 * {@value #SCHEMA}, created fresh by the real Flyway migrations), then times the audit page's first page for a set
 * of filters through {@link AuditQueries}, the service the page calls. Run only on request:
 *
 * <pre>
 * ./mvnw -q test -Dtest=AuditPageBenchmark -Dpipedeck.bench=true \
 *     [-Dpipedeck.bench.url=jdbc:postgresql://127.0.0.1:5432/test] [-Dpipedeck.bench.user=postgres] \
 *     [-Dpipedeck.bench.password=] [-Dpipedeck.bench.records=1000000] [-Dpipedeck.bench.keep=true]
 * </pre>
 *
 * With {@code pipedeck.bench.keep=true} an existing filled schema is reused instead of refilled.
 */
@EnabledIfSystemProperty(named = "pipedeck.bench", matches = "true")
class AuditPageBenchmark {

    static final String SCHEMA = "pipedeck_audit_bench";
    private static final int PAGE = 50;
    private static final int RUNS = 25;
    private static final int WARM_UP = 5;
    private static final int COPY_BATCH = 50_000;

    private static final String[] ACTIONS = {"pipe.state.stop", "pipe.state.start", "pipe.state.resync", "pipe.create",
            "pipe.update", "pipe.delete", "pipe.scaling.update", "pipe.settings.update", "service.cdc_scaling.update",
            "org.connection.create", "org.connection.update", "account.created", "account.role.changed",
            "account.disabled", "account.password.reset", "auth.login.success", "auth.login.failure",
            "auth.login.throttled", "auth.logout", "request.denied"};
    /** Relative frequencies of the actions above. */
    private static final int[] ACTION_WEIGHTS = {60, 55, 8, 10, 25, 3, 12, 12, 2, 1, 1, 2, 1, 1, 1, 120, 20, 2, 90, 5};
    private static final String[] WORDS = {"orders", "clicks", "events", "payments", "inventory", "sessions", "logs",
            "metrics", "users", "shipments"};
    private static final String[] REGIONS = {"eu", "us", "ap", "sa"};

    private final String url = System.getProperty("pipedeck.bench.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private final String user = System.getProperty("pipedeck.bench.user", "postgres");
    private final String password = System.getProperty("pipedeck.bench.password", "");
    private final int records = Integer.getInteger("pipedeck.bench.records", 1_000_000);
    private final boolean keep = Boolean.getBoolean("pipedeck.bench.keep");

    private final Random random = new Random(20261124L);
    private final List<String> pipeIds = new ArrayList<>();
    private final List<String> pipeNames = new ArrayList<>();
    private final List<Long> unanswered = new ArrayList<>();

    @Test
    void firstPageTimes() throws Exception {
        try (HikariDataSource dataSource = dataSource()) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            preparePipes();
            Long existing = existingRecords(jdbc);
            if (!keep || existing == null || existing < records) {
                long started = System.nanoTime();
                migrateFreshSchema();
                fill(dataSource);
                jdbc.execute("analyze audit_record");
                System.out.printf(Locale.ROOT, "Filled %,d records (COPY, hashes chained) and analyzed in %.1f s%n",
                        records, (System.nanoTime() - started) / 1e9);
            }
            System.out.println(jdbc.queryForObject("select 'table ' || pg_size_pretty(pg_relation_size('audit_record'))"
                    + " || ', indexes ' || pg_size_pretty(pg_indexes_size('audit_record'))", String.class));

            AuditQueries queries = new AuditQueries(dataSource, new DataSourceTransactionManager(dataSource),
                    new AuditProperties(null, null, null, PAGE));
            Instant newest = jdbc.queryForObject("select max(occurred_at) from audit_record",
                    java.time.OffsetDateTime.class).toInstant();
            String someUpstreamRequestId = jdbc.queryForObject("select upstream_request_id from audit_record "
                    + "where upstream_request_id is not null order by id limit 1 offset 1000", String.class);

            Map<String, AuditFilter> filters = new LinkedHashMap<>();
            filters.put("none", filter(null, null, null, null, null, null, null));
            filters.put("actor (common)", filter(null, null, "user03", null, null, null, null));
            filters.put("actor (rare)", filter(null, null, "user57", null, null, null, null));
            filters.put("action", filter(null, null, null, "pipe.scaling.update", null, null, null));
            filters.put("outcome denied", filter(null, null, null, null, "denied", null, null));
            filters.put("outcome unknown", filter(null, null, null, null, "unknown", null, null));
            filters.put("pipe", filter(null, null, null, null, null, pipeIds.get(17), null));
            filters.put("time: last 24 h", filter(newest.minus(Duration.ofDays(1)), null, null, null, null, null, null));
            filters.put("time: one day 6 months ago", filter(newest.minus(Duration.ofDays(183)),
                    newest.minus(Duration.ofDays(182)), null, null, null, null, null));
            filters.put("time: 3 months, 6-9 months ago", filter(newest.minus(Duration.ofDays(274)),
                    newest.minus(Duration.ofDays(183)), null, null, null, null, null));
            filters.put("text (common word)", filter(null, null, null, null, null, null, "payments"));
            filters.put("text (one requestId)", filter(null, null, null, null, null, null, someUpstreamRequestId));
            filters.put("text (no match)", filter(null, null, null, null, null, null, "zzqx-nothing"));
            filters.put("actor + action + 3 months", filter(newest.minus(Duration.ofDays(274)),
                    newest.minus(Duration.ofDays(183)), "user03", "pipe.state.stop", null, null, null));
            filters.put("pipe + outcome", new AuditFilter(null, null, null, null, null, null, pipeIds.get(17),
                    "success", null));

            System.out.printf(Locale.ROOT, "%n%-34s %8s %8s %8s %6s%n", "first page of " + PAGE + ", filter",
                    "median", "p95", "max", "rows");
            for (Map.Entry<String, AuditFilter> entry : filters.entrySet()) {
                time(entry.getKey(), () -> queries.search(entry.getValue(), null, PAGE));
            }
            AuditPage first = queries.search(AuditFilter.NONE, null, PAGE);
            AuditPage deep = first;
            for (int i = 0; i < 200; i++) {
                deep = queries.search(AuditFilter.NONE, deep.nextCursor(), PAGE);
            }
            Long deepCursor = deep.nextCursor();
            time("none, page 201 (keyset)", () -> queries.search(AuditFilter.NONE, deepCursor, PAGE));

            JdbcTemplate jdbcForVerify = new JdbcTemplate(dataSource);
            long started = System.nanoTime();
            AuditVerifier verifier = new AuditVerifier(dataSource, new DataSourceTransactionManager(dataSource),
                    new AuditAnchorSigner(new AuditProperties(null, null, null, null)), java.time.Clock.systemUTC());
            AuditVerification verification = verifier.verifyChain();
            System.out.printf(Locale.ROOT, "%nVerify integrity over %,d records: %.1f s, %s%n",
                    jdbcForVerify.queryForObject("select count(*) from audit_record", Long.class),
                    (System.nanoTime() - started) / 1e9, verification.summary());
        }
    }

    private static AuditFilter filter(Instant from, Instant to, String actor, String action, String outcome,
            String pipe, String text) {
        return new AuditFilter(from, to, actor, action, null, null, pipe, outcome, text);
    }

    private static void time(String name, Supplier<AuditPage> query) {
        for (int i = 0; i < WARM_UP; i++) {
            query.get();
        }
        long[] nanos = new long[RUNS];
        int rows = 0;
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            rows = query.get().records().size();
            nanos[i] = System.nanoTime() - started;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-34s %6.1f ms %6.1f ms %6.1f ms %6d%n", name, nanos[RUNS / 2] / 1e6,
                nanos[(int) Math.ceil(RUNS * 0.95) - 1] / 1e6, nanos[RUNS - 1] / 1e6, rows);
    }

    private HikariDataSource dataSource() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA + ",public");
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private Long existingRecords(JdbcTemplate jdbc) {
        try {
            return jdbc.queryForObject("select count(*) from " + SCHEMA + ".audit_record", Long.class);
        } catch (RuntimeException none) {
            return null;
        }
    }

    private void migrateFreshSchema() throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
            statement.execute("create extension if not exists pg_trgm schema public");
        }
        Flyway.configure()
                .dataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA + ",public", user,
                        password)
                .schemas(SCHEMA)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .load()
                .migrate();
    }

    private void preparePipes() {
        Random pipes = new Random(7);
        for (int i = 0; i < 2000; i++) {
            pipeIds.add(new UUID(pipes.nextLong(), pipes.nextLong()).toString());
            pipeNames.add(WORDS[i % WORDS.length] + "-" + REGIONS[i % REGIONS.length] + "-" + i);
        }
    }

    /** Writes the records with COPY, in batches, each chained to the one before it like the application does. */
    private void fill(HikariDataSource dataSource) throws Exception {
        int totalWeight = 0;
        for (int w : ACTION_WEIGHTS) {
            totalWeight += w;
        }
        Instant start = Instant.now().minus(Duration.ofDays(365)).truncatedTo(ChronoUnit.MICROS);
        long stepMicros = Duration.ofDays(365).toNanos() / 1000 / records;
        String prevHash = AuditHashing.GENESIS;
        Long pendingAttempt = null;
        StringBuilder batch = new StringBuilder(COPY_BATCH * 700);
        int inBatch = 0;
        try (Connection connection = dataSource.getConnection()) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (long id = 1; id <= records; id++) {
                Instant at = start.plus(id * stepMicros, ChronoUnit.MICROS);
                AuditRecord record = pendingAttempt != null
                        ? result(id, at, pendingAttempt, prevHash)
                        : next(id, at, prevHash, totalWeight);
                pendingAttempt = record.isAttempt() && random.nextInt(1000) != 0 ? record.id() : null;
                if (record.isAttempt() && pendingAttempt == null) {
                    unanswered.add(record.id());
                }
                record = withHash(record);
                prevHash = record.hash();
                appendCsv(batch, record);
                if (++inBatch == COPY_BATCH || id == records) {
                    pg.getCopyAPI().copyIn("copy audit_record (" + AuditRecordQuery.COLUMNS.replace("a.", "")
                            + ", search_text) from stdin with (format csv)", new StringReader(batch.toString()));
                    batch.setLength(0);
                    inBatch = 0;
                }
            }
            if (pendingAttempt != null) {
                unanswered.add(pendingAttempt);
            }
            try (Statement statement = connection.createStatement()) {
                for (Long attempt : unanswered) {
                    statement.addBatch("insert into audit_pending_attempt (attempt_id) values (" + attempt + ")");
                }
                statement.executeBatch();
                statement.executeUpdate("update audit_chain_head set last_record_id = " + records + ", last_hash = '"
                        + prevHash + "', last_occurred_at = (select max(occurred_at) from audit_record) where id = 1");
            }
        }
    }

    private AuditRecord next(long id, Instant at, String prevHash, int totalWeight) {
        int pick = random.nextInt(totalWeight);
        int a = 0;
        while (pick >= ACTION_WEIGHTS[a]) {
            pick -= ACTION_WEIGHTS[a++];
        }
        String action = ACTIONS[a];
        int userIndex = zipf(60);
        String actor = String.format(Locale.ROOT, "user%02d", userIndex);
        String role = userIndex < 5 ? "ADMIN" : userIndex < 30 ? "OPERATOR" : "VIEWER";
        String channel = random.nextInt(4) == 0 ? "api" : "web";
        String address = "10.0." + (userIndex % 250) + "." + (1 + userIndex % 200);
        String agent = channel.equals("api") ? "curl/8.5.0" : "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";
        boolean pipeAction = action.startsWith("pipe.");
        String org = null;
        String orgName = null;
        String service = null;
        String serviceName = null;
        String pipe = null;
        String pipeName = null;
        String account = null;
        String summary = null;
        String before = null;
        String after = null;
        String outcome = "success";
        Integer status = null;
        String error = null;
        String requestId = null;
        if (action.startsWith("auth.")) {
            account = action.equals("auth.login.failure") && random.nextBoolean() ? "guess" + random.nextInt(500)
                    : actor;
            if (!action.equals("auth.login.success") && !action.equals("auth.logout")) {
                outcome = "denied";
                actor = "anonymous";
                role = null;
                error = "Wrong username or password.";
                summary = "{\"username\":\"" + account + "\"}";
            }
        } else if (action.startsWith("account.")) {
            account = String.format(Locale.ROOT, "user%02d", random.nextInt(60));
            summary = "{\"role\":\"OPERATOR\",\"password\":\"[redacted]\"}";
        } else {
            int p = zipf(pipeIds.size());
            pipe = pipeAction ? pipeIds.get(p) : null;
            pipeName = pipeAction ? pipeNames.get(p) : null;
            int s = p % 40;
            service = "svc-" + s;
            serviceName = WORDS[s % WORDS.length] + "-warehouse";
            org = "org-" + (s % 5);
            orgName = "Team " + (s % 5);
            summary = "{\"name\":\"" + (pipeName == null ? "x" : pipeName) + "\",\"source\":{\"kafka\":{\"topics\":\""
                    + WORDS[p % WORDS.length] + "\",\"credentials\":{\"username\":\"svc\",\"password\":\"[redacted]\"}}}}";
            if (action.endsWith("scaling.update") || action.endsWith("settings.update")) {
                before = "{\"replicas\":" + (1 + random.nextInt(4)) + "}";
                after = "{\"replicas\":" + (1 + random.nextInt(8)) + "}";
            }
            if (random.nextInt(100) < 40) {
                outcome = "attempt";
            } else {
                int roll = random.nextInt(100);
                if (roll < 4) {
                    outcome = "denied";
                    status = 403;
                    error = "403 Forbidden";
                } else if (roll < 8) {
                    outcome = "invalid";
                    status = 400;
                    error = "BAD_REQUEST: invalid replicas";
                }
            }
        }
        return new AuditRecord(id, at, actor, role, channel, address, agent, UUID.randomUUID().toString(), action, org,
                orgName, service, serviceName, pipe, pipeName, account, summary, before, after, outcome, status, error,
                requestId, null, random.nextInt(400) + 1L, prevHash, null, null);
    }

    /** The result record that follows an attempt. */
    private AuditRecord result(long id, Instant at, long attemptId, String prevHash) {
        boolean ok = random.nextInt(100) < 94;
        return new AuditRecord(id, at, "user03", "OPERATOR", "web", "10.0.3.4", "Mozilla/5.0 Firefox/140.0",
                UUID.randomUUID().toString(), "pipe.state.stop", "org-1", "Team 1", "svc-6", "payments-warehouse",
                pipeIds.get((int) (attemptId % pipeIds.size())), pipeNames.get((int) (attemptId % pipeIds.size())),
                null, null, null, null, ok ? "success" : "upstream_error", ok ? 200 : 500,
                ok ? null : "INTERNAL: upstream failed", UUID.randomUUID().toString(), attemptId,
                random.nextInt(2000) + 1L, prevHash, null, null);
    }

    private static AuditRecord withHash(AuditRecord r) {
        String hash = AuditHashing.hash(r);
        return new AuditRecord(r.id(), r.occurredAt(), r.actor(), r.actorRole(), r.channel(), r.clientAddress(),
                r.userAgent(), r.consoleRequestId(), r.action(), r.organizationId(), r.organizationName(),
                r.serviceId(), r.serviceName(), r.pipeId(), r.pipeName(), r.targetAccount(), r.requestSummary(),
                r.changeBefore(), r.changeAfter(), r.outcome(), r.httpStatus(), r.errorText(), r.upstreamRequestId(),
                r.attemptId(), r.durationMs(), r.prevHash(), hash, null);
    }

    /** Roughly Zipf-distributed index in [0, n): a few values are common, most are rare. */
    private int zipf(int n) {
        double u = random.nextDouble();
        return (int) Math.min(n - 1, Math.floor(Math.pow(n + 1, u) - 1));
    }

    private static void appendCsv(StringBuilder out, AuditRecord r) {
        Object[] values = {r.id(), r.occurredAt(), r.actor(), r.actorRole(), r.channel(), r.clientAddress(),
                r.userAgent(), r.consoleRequestId(), r.action(), r.organizationId(), r.organizationName(),
                r.serviceId(), r.serviceName(), r.pipeId(), r.pipeName(), r.targetAccount(), r.requestSummary(),
                r.changeBefore(), r.changeAfter(), r.outcome(), r.httpStatus(), r.errorText(), r.upstreamRequestId(),
                r.attemptId(), r.durationMs(), r.prevHash(), r.hash(), AuditChainWriter.searchText(r)};
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (values[i] != null) {
                out.append('"').append(values[i].toString().replace("\"", "\"\"")).append('"');
            }
        }
        out.append('\n');
    }
}
