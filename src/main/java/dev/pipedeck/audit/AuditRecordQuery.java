package dev.pipedeck.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The SQL behind reading records: a WHERE clause built from a filter (only bound parameters, never concatenated
 * input) and the mapping of rows back to {@link AuditRecord}s.
 */
final class AuditRecordQuery {

    static final String COLUMNS = "a.id, a.occurred_at, a.actor, a.actor_role, a.channel, a.client_address, "
            + "a.user_agent, a.console_request_id, a.action, a.organization_id, a.organization_name, a.service_id, "
            + "a.service_name, a.pipe_id, a.pipe_name, a.target_account, a.request_summary, a.change_before, "
            + "a.change_after, a.outcome, a.http_status, a.error_text, a.upstream_request_id, a.attempt_id, "
            + "a.duration_ms, a.prev_hash, a.hash";

    static final RowMapper<AuditRecord> ROW = AuditRecordQuery::map;

    private final List<String> conditions = new ArrayList<>();
    private final MapSqlParameterSource params = new MapSqlParameterSource();

    /**
     * @param idRange ids bounding the filter's time range (found through the time index), or null without one;
     *                they let the database walk the primary key between them instead of sorting the range
     */
    AuditRecordQuery(AuditFilter filter, IdRange idRange, Long before) {
        if (before != null) {
            add("a.id < :before", "before", before);
        }
        if (idRange != null) {
            add("a.id >= :lowId", "lowId", idRange.low());
            add("a.id <= :highId", "highId", idRange.high());
        }
        if (filter.from() != null) {
            add("a.occurred_at >= :from", "from", AuditChainWriter.utc(filter.from()));
        }
        if (filter.to() != null) {
            add("a.occurred_at < :to", "to", AuditChainWriter.utc(filter.to()));
        }
        if (filter.actor() != null) {
            add("a.actor = :actor", "actor", filter.actor().toLowerCase(Locale.ROOT));
        }
        if (filter.action() != null) {
            add("a.action = :action", "action", filter.action());
        }
        if (filter.organization() != null) {
            add("a.organization_id = :organization", "organization", filter.organization());
        }
        if (filter.service() != null) {
            add("a.service_id = :service", "service", filter.service());
        }
        if (filter.pipe() != null) {
            add("a.pipe_id = :pipe", "pipe", filter.pipe());
        }
        if (AuditFilter.OUTCOME_UNKNOWN.equalsIgnoreCase(String.valueOf(filter.outcome()))) {
            add("a.outcome = :outcome", "outcome", AuditOutcome.ATTEMPT.code());
            conditions.add("a.id in (select p.attempt_id from audit_pending_attempt p)");
        } else if (filter.outcome() != null) {
            add("a.outcome = :outcome", "outcome", filter.outcome().toLowerCase(Locale.ROOT));
        }
        if (filter.text() != null) {
            add("a.search_text like :text", "text", "%" + escapeLike(filter.text().toLowerCase(Locale.ROOT)) + "%");
        }
    }

    /** The records matching, newest first, at most {@code limit} of them ({@code limit} null: all). */
    String selectNewestFirst(Integer limit) {
        return "select " + COLUMNS + " from audit_record a" + where() + " order by a.id desc"
                + (limit == null ? "" : " limit " + limit);
    }

    MapSqlParameterSource params() {
        return params;
    }

    private String where() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private void add(String condition, String name, Object value) {
        conditions.add(condition);
        params.addValue(name, value);
    }

    /** Backslash is the default LIKE escape character of both PostgreSQL and H2. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static AuditRecord map(ResultSet rs, int rowNum) throws SQLException {
        return new AuditRecord(
                rs.getLong("id"),
                AuditChainWriter.instant(rs, "occurred_at"),
                rs.getString("actor"),
                rs.getString("actor_role"),
                rs.getString("channel"),
                rs.getString("client_address"),
                rs.getString("user_agent"),
                rs.getString("console_request_id"),
                rs.getString("action"),
                rs.getString("organization_id"),
                rs.getString("organization_name"),
                rs.getString("service_id"),
                rs.getString("service_name"),
                rs.getString("pipe_id"),
                rs.getString("pipe_name"),
                rs.getString("target_account"),
                rs.getString("request_summary"),
                rs.getString("change_before"),
                rs.getString("change_after"),
                rs.getString("outcome"),
                (Integer) rs.getObject("http_status", Integer.class),
                rs.getString("error_text"),
                rs.getString("upstream_request_id"),
                rs.getObject("attempt_id", Long.class),
                rs.getObject("duration_ms", Long.class),
                rs.getString("prev_hash"),
                rs.getString("hash"),
                null);
    }

    /** Inclusive bounds on ids. */
    record IdRange(long low, long high) {

        boolean isEmpty() {
            return low > high;
        }
    }
}
