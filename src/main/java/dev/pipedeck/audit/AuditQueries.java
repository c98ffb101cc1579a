package dev.pipedeck.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading the audit log: filtered pages (keyset pagination, newest first), one record, the latest records of a
 * pipe, and streamed exports. Every signed-in role may read.
 */
@Service
public class AuditQueries {

    public static final int MAX_PAGE_SIZE = 500;
    static final int EXPORT_FETCH_SIZE = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final AuditProperties properties;
    private volatile Boolean postgres;

    public AuditQueries(DataSource dataSource, PlatformTransactionManager transactionManager,
            AuditProperties properties) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        JdbcTemplate fetching = new JdbcTemplate(dataSource);
        fetching.setFetchSize(EXPORT_FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(fetching);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.properties = properties;
    }

    /** The first page of records matching the filter, newest first, of the configured page size. */
    public AuditPage search(AuditFilter filter) {
        return search(filter, null);
    }

    /** The page of the configured size below {@code before} (null: the newest). */
    public AuditPage search(AuditFilter filter, Long before) {
        return search(filter, before, properties.pageSize());
    }

    /**
     * Records matching the filter, newest first, with ids below {@code before} (null: from the newest).
     * Keyset pagination: {@code WHERE id < :before ORDER BY id DESC LIMIT n}, never an OFFSET.
     */
    public AuditPage search(AuditFilter filter, Long before, int pageSize) {
        int size = Math.max(1, Math.min(pageSize, MAX_PAGE_SIZE));
        return readOnly.execute(status -> {
            planForTheseValues();
            AuditRecordQuery.IdRange range = idRange(filter);
            if (range != null && range.isEmpty()) {
                return new AuditPage(List.of(), null);
            }
            AuditRecordQuery query = new AuditRecordQuery(filter, range, before);
            List<AuditRecord> rows = jdbc.query(query.selectNewestFirst(size + 1), query.params(),
                    AuditRecordQuery.ROW);
            Long next = null;
            if (rows.size() > size) {
                rows = rows.subList(0, size);
                next = rows.get(size - 1).id();
            }
            return new AuditPage(withResults(rows), next);
        });
    }

    /** The latest records about one pipe, newest first (for the pipe's page). */
    public List<AuditRecord> recentForPipe(String pipeId, int limit) {
        return search(AuditFilter.forPipe(pipeId), null, limit).records();
    }

    public Optional<AuditRecord> find(long id) {
        return readOnly.execute(status -> {
            List<AuditRecord> rows = jdbc.query("select " + AuditRecordQuery.COLUMNS
                    + " from audit_record a where a.id = :id", new MapSqlParameterSource("id", id),
                    AuditRecordQuery.ROW);
            return rows.isEmpty() ? Optional.<AuditRecord>empty() : Optional.of(withResults(rows).get(0));
        });
    }

    /**
     * Writes every record matching the filter, newest first, to {@code out}. Rows are streamed from the database
     * with a fetch size, never all held in memory.
     */
    public void export(AuditFilter filter, AuditExportFormat format, OutputStream out) {
        readOnly.executeWithoutResult(status -> {
            planForTheseValues();
            AuditRecordQuery.IdRange range = idRange(filter);
            try (AuditExportWriter writer = AuditExportWriter.of(format, out)) {
                if (range != null && range.isEmpty()) {
                    return;
                }
                AuditRecordQuery query = new AuditRecordQuery(filter, range, null);
                try (Stream<AuditRecord> rows = streaming.queryForStream(query.selectNewestFirst(null),
                        query.params(), AuditRecordQuery.ROW)) {
                    rows.forEach(writer::write);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * On PostgreSQL, plans this transaction's queries for the values they are run with. How selective a filter is
     * varies enormously (a word in every tenth record, or in none), and a generic plan, which the driver's prepared
     * statements switch to after a few runs, picks one way for all of them: a free-text search that matches nothing
     * would then walk the whole table instead of asking the trigram index.
     */
    private void planForTheseValues() {
        if (postgres == null) {
            postgres = jdbc.getJdbcTemplate().execute((ConnectionCallback<Boolean>) con ->
                    con.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres"));
        }
        if (postgres) {
            jdbc.getJdbcTemplate().execute("set local plan_cache_mode = force_custom_plan");
        }
    }

    /**
     * The ids bounding a time range. Records are appended in time order (a record is never dated before the one
     * before it), so the range is exactly the ids between the first record at or after {@code from} and the last
     * before {@code to}: two index lookups, after which a page is a walk down the primary key.
     */
    private AuditRecordQuery.IdRange idRange(AuditFilter filter) {
        if (filter.from() == null && filter.to() == null) {
            return null;
        }
        long low = 1;
        long high = Long.MAX_VALUE;
        if (filter.from() != null) {
            List<Long> first = jdbc.queryForList("select id from audit_record where occurred_at >= :from "
                    + "order by occurred_at, id limit 1",
                    new MapSqlParameterSource("from", AuditChainWriter.utc(filter.from())), Long.class);
            if (first.isEmpty()) {
                return new AuditRecordQuery.IdRange(1, 0);
            }
            low = first.get(0);
        }
        if (filter.to() != null) {
            List<Long> last = jdbc.queryForList("select id from audit_record where occurred_at < :to "
                    + "order by occurred_at desc, id desc limit 1",
                    new MapSqlParameterSource("to", AuditChainWriter.utc(filter.to())), Long.class);
            if (last.isEmpty()) {
                return new AuditRecordQuery.IdRange(1, 0);
            }
            high = last.get(0);
        }
        return new AuditRecordQuery.IdRange(low, high);
    }

    /** Adds to each attempt on the page the id of its result, so an attempt without one shows "outcome unknown". */
    private List<AuditRecord> withResults(List<AuditRecord> rows) {
        List<Long> attemptIds = rows.stream().filter(AuditRecord::isAttempt).map(AuditRecord::id).toList();
        if (attemptIds.isEmpty()) {
            return rows;
        }
        Map<Long, Long> resultByAttempt = new HashMap<>();
        jdbc.query("select attempt_id, min(id) as result_id from audit_record where attempt_id in (:ids) "
                        + "group by attempt_id", new MapSqlParameterSource("ids", attemptIds),
                rs -> {
                    resultByAttempt.put(rs.getLong("attempt_id"), rs.getLong("result_id"));
                });
        List<AuditRecord> completed = new ArrayList<>(rows.size());
        for (AuditRecord row : rows) {
            completed.add(row.isAttempt() ? row.withResultId(resultByAttempt.get(row.id())) : row);
        }
        return completed;
    }
}
