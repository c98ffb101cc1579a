package dev.pipedeck.alerts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

import dev.pipedeck.health.HealthAssessment;
import dev.pipedeck.health.PipeHealth;
import dev.pipedeck.health.SeenPipe;

/**
 * Alerts in the {@code alert} table. Every change of status is a conditional statement that names the status it
 * leaves, so when two instances make the same transition at once exactly one of them succeeds (and only that one
 * enqueues notifications); opening is guarded by the unique {@code open_key}.
 */
@Component
class StoredAlerts {

    private static final String COLUMNS = "id, rule_id, rule_name, pipe_id, pipe_name, organization_id, service_id, "
            + "status, health, reason, pending_since, fired_at, resolved_at, resolved_reason, last_notified_at";

    private static final Duration COUNT_CACHE = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final AtomicReference<CachedCount> cachedCount = new AtomicReference<>();

    private record CachedCount(Instant readAt, int count) {
    }

    StoredAlerts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Pending and firing alerts, oldest first. */
    List<Alert> open() {
        return jdbc.query("select " + COLUMNS + " from alert where status in ('PENDING', 'FIRING') order by id",
                StoredAlerts::alert);
    }

    List<Alert> openOfRule(long ruleId) {
        return jdbc.query("select " + COLUMNS + " from alert where rule_id = ? and status in ('PENDING', 'FIRING') "
                + "order by id", StoredAlerts::alert, ruleId);
    }

    Optional<Alert> find(long id) {
        return jdbc.query("select " + COLUMNS + " from alert where id = ?", StoredAlerts::alert, id).stream()
                .findFirst();
    }

    /** Firing alerts, longest firing first. */
    List<Alert> firing() {
        return jdbc.query("select " + COLUMNS + " from alert where status = 'FIRING' order by fired_at, id",
                StoredAlerts::alert);
    }

    /** Pending alerts, oldest first. */
    List<Alert> pending() {
        return jdbc.query("select " + COLUMNS + " from alert where status = 'PENDING' order by pending_since, id",
                StoredAlerts::alert);
    }

    /** Alerts that fired, newest first: firing and resolved ones. */
    List<Alert> history(int limit) {
        return jdbc.query("select " + COLUMNS + " from alert where fired_at is not null order by fired_at desc, id desc "
                + "limit ?", StoredAlerts::alert, limit);
    }

    int firingCount() {
        return jdbc.queryForObject("select count(*) from alert where status = 'FIRING'", Integer.class);
    }

    /**
     * The number of firing alerts as read at most {@link #COUNT_CACHE} ago (every page's navigation shows it);
     * forgotten at once when this instance fires or resolves one.
     */
    int recentFiringCount(Instant now) {
        CachedCount cached = cachedCount.get();
        if (cached != null && !now.isAfter(cached.readAt().plus(COUNT_CACHE)) && !now.isBefore(cached.readAt())) {
            return cached.count();
        }
        int count = firingCount();
        cachedCount.set(new CachedCount(now, count));
        return count;
    }

    /**
     * Opens a pending alert of {@code rule} for {@code pipe}; empty when one is already open (another instance opened
     * it first). Run it in a transaction of its own: on PostgreSQL a refused insert spoils the transaction.
     */
    Optional<Long> openPending(AlertRule rule, SeenPipe pipe, HealthAssessment assessment, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.update(connection -> {
                PreparedStatement statement = connection.prepareStatement("insert into alert (rule_id, rule_name, "
                        + "pipe_id, pipe_name, organization_id, service_id, status, health, reason, open_key, "
                        + "pending_since) values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)", new String[] {"id"});
                statement.setLong(1, rule.id());
                statement.setString(2, rule.name());
                statement.setString(3, pipe.pipeId());
                statement.setString(4, pipe.pipeName());
                statement.setString(5, pipe.organizationId());
                statement.setString(6, pipe.serviceId());
                statement.setString(7, assessment.health().name());
                statement.setString(8, limit(assessment.reason(), 1000));
                statement.setString(9, Alert.openKey(rule.id(), pipe.pipeId()));
                statement.setObject(10, AlertChannels.utc(now));
                return statement;
            }, key);
        } catch (DuplicateKeyException alreadyOpen) {
            return Optional.empty();
        }
        return Optional.of(key.getKey().longValue());
    }

    /** PENDING → FIRING; false when the alert is no longer pending (someone else fired or dropped it). */
    boolean fire(long id, PipeHealth health, String reason, Instant now) {
        cachedCount.set(null);
        return jdbc.update("update alert set status = 'FIRING', fired_at = ?, last_notified_at = ?, health = ?, "
                + "reason = ? where id = ? and status = 'PENDING'", AlertChannels.utc(now), AlertChannels.utc(now),
                health.name(), limit(reason, 1000), id) == 1;
    }

    /**
     * Marks a firing alert notified again at {@code now}, if it was last notified at or before {@code dueSince};
     * false when it is not firing or someone else just did.
     */
    boolean renotify(long id, Instant dueSince, Instant now) {
        return jdbc.update("update alert set last_notified_at = ? where id = ? and status = 'FIRING' "
                + "and last_notified_at <= ?", AlertChannels.utc(now), id, AlertChannels.utc(dueSince)) == 1;
    }

    /**
     * FIRING → RESOLVED; false when it is not firing any more. The health and reason stay those that fired; why it
     * resolved is {@code resolvedReason}.
     */
    boolean resolve(long id, String resolvedReason, Instant now) {
        cachedCount.set(null);
        return jdbc.update("update alert set status = 'RESOLVED', open_key = null, resolved_at = ?, "
                + "resolved_reason = ? where id = ? and status = 'FIRING'", AlertChannels.utc(now),
                limit(resolvedReason, 1000), id) == 1;
    }

    /** Deletes a pending alert whose state cleared before it fired; false when it is not pending any more. */
    boolean dropPending(long id) {
        return jdbc.update("delete from alert where id = ? and status = 'PENDING'", id) == 1;
    }

    /** Keeps an open alert's health and reason current (a stalled pipe that then failed, say). */
    void refresh(long id, PipeHealth health, String reason) {
        jdbc.update("update alert set health = ?, reason = ? where id = ? and status <> 'RESOLVED' "
                + "and (health <> ? or reason is null or reason <> ?)", health.name(), limit(reason, 1000), id,
                health.name(), limit(reason, 1000));
    }

    /** Deletes resolved alerts (and so their notifications) resolved before {@code cutoff}. */
    int purgeResolvedBefore(Instant cutoff) {
        return jdbc.update("delete from alert where status = 'RESOLVED' and resolved_at < ?", AlertChannels.utc(cutoff));
    }

    static @Nullable String limit(@Nullable String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    private static Alert alert(ResultSet rs, int row) throws SQLException {
        long ruleId = rs.getLong("rule_id");
        Long rule = rs.wasNull() ? null : ruleId;
        return new Alert(rs.getLong("id"), rule, rs.getString("rule_name"), rs.getString("pipe_id"),
                rs.getString("pipe_name"), rs.getString("organization_id"), rs.getString("service_id"),
                AlertStatus.valueOf(rs.getString("status")), PipeHealth.valueOf(rs.getString("health")),
                rs.getString("reason"), instant(rs, "pending_since"), instant(rs, "fired_at"),
                instant(rs, "resolved_at"), rs.getString("resolved_reason"), instant(rs, "last_notified_at"));
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
