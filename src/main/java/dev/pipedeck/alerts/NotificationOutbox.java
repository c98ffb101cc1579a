package dev.pipedeck.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The outbox of alert notifications ({@code alert_notification}). Rows are enqueued in the transaction of the
 * alert's transition. A dispatcher takes a due row with a conditional update that sets a lease
 * ({@code claimed_until}) and a token, sends, and records the outcome only while it still holds that token; a row
 * whose holder died is taken again once its lease runs out. A row waits while an older row of the same alert and
 * channel is still pending, so "resolved" never overtakes its "firing".
 */
@Component
class NotificationOutbox {

    private static final String COLUMNS = "id, notification_id, alert_id, channel_id, channel_name, event, "
            + "repeat_notice, event_json, status, attempts, next_attempt_at, last_attempt_at, last_error, created_at, "
            + "delivered_at";

    private final JdbcTemplate jdbc;

    NotificationOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Enqueues {@code event} for {@code channel}, due at once. Call it in the transition's transaction. */
    void enqueue(AlertEvent event, AlertChannel channel, Instant now) {
        jdbc.update("insert into alert_notification (notification_id, alert_id, channel_id, channel_name, event, "
                + "repeat_notice, event_json, status, attempts, next_attempt_at, created_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)", UUID.randomUUID().toString(), event.alertId(),
                channel.id(), channel.name(), event.resolved() ? "RESOLVED" : "FIRING", event.repeat(),
                event.toJson(), AlertChannels.utc(now), AlertChannels.utc(now));
    }

    /** Ids of rows due at {@code now} and not held by anyone, oldest first. */
    List<Long> due(Instant now, int limit) {
        return jdbc.queryForList("select n.id from alert_notification n where n.status = 'PENDING' "
                + "and n.next_attempt_at <= ? and (n.claimed_until is null or n.claimed_until < ?) "
                + "and not exists (select 1 from alert_notification e where e.alert_id = n.alert_id "
                + "and e.channel_id = n.channel_id and e.status = 'PENDING' and e.id < n.id) "
                + "order by n.next_attempt_at, n.id limit ?", Long.class, AlertChannels.utc(now),
                AlertChannels.utc(now), limit);
    }

    /** Takes row {@code id} until {@code leaseUntil} under {@code token}; false when someone else holds or sent it. */
    boolean claim(long id, String token, Instant now, Instant leaseUntil) {
        return jdbc.update("update alert_notification set claimed_until = ?, claim_token = ? where id = ? "
                + "and status = 'PENDING' and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)",
                AlertChannels.utc(leaseUntil), token, id, AlertChannels.utc(now), AlertChannels.utc(now)) == 1;
    }

    @Nullable
    Notification find(long id) {
        return jdbc.query("select " + COLUMNS + " from alert_notification where id = ?", NotificationOutbox::row, id)
                .stream().findFirst().orElse(null);
    }

    /** Records a delivery; false when the lease was lost meanwhile (another dispatcher took the row). */
    boolean delivered(long id, String token, Instant now) {
        return jdbc.update("update alert_notification set status = 'DELIVERED', attempts = attempts + 1, "
                + "delivered_at = ?, last_attempt_at = ?, last_error = null, claimed_until = null, claim_token = null "
                + "where id = ? and claim_token = ? and status = 'PENDING'", AlertChannels.utc(now),
                AlertChannels.utc(now), id, token) == 1;
    }

    /** Records a failed try: due again at {@code retryAt}, or given up (FAILED) when {@code retryAt} is null. */
    boolean failed(long id, String token, Instant now, String error, @Nullable Instant retryAt) {
        return jdbc.update("update alert_notification set status = ?, attempts = attempts + 1, last_attempt_at = ?, "
                + "last_error = ?, next_attempt_at = ?, claimed_until = null, claim_token = null "
                + "where id = ? and claim_token = ? and status = 'PENDING'", retryAt == null ? "FAILED" : "PENDING",
                AlertChannels.utc(now), StoredAlerts.limit(error, 500),
                AlertChannels.utc(retryAt == null ? now : retryAt), id, token) == 1;
    }

    /** Gives up the pending rows of a channel being deleted. */
    int failPendingOf(long channelId, Instant now, String reason) {
        return jdbc.update("update alert_notification set status = 'FAILED', last_error = ?, last_attempt_at = ?, "
                + "claimed_until = null, claim_token = null where channel_id = ? and status = 'PENDING'", reason,
                AlertChannels.utc(now), channelId);
    }

    /** The notifications of {@code alertIds}, per alert, oldest first. */
    Map<Long, List<Notification>> ofAlerts(List<Long> alertIds) {
        Map<Long, List<Notification>> byAlert = new LinkedHashMap<>();
        if (alertIds.isEmpty()) {
            return byAlert;
        }
        String marks = String.join(",", alertIds.stream().map(id -> "?").toList());
        jdbc.query("select " + COLUMNS + " from alert_notification where alert_id in (" + marks + ") order by id",
                rs -> {
                    Notification notification = row(rs, 0);
                    byAlert.computeIfAbsent(notification.alertId(), id -> new ArrayList<>()).add(notification);
                }, alertIds.toArray());
        return byAlert;
    }

    private static Notification row(ResultSet rs, int row) throws SQLException {
        long channelId = rs.getLong("channel_id");
        Long channel = rs.wasNull() ? null : channelId;
        return new Notification(rs.getLong("id"), rs.getString("notification_id"), rs.getLong("alert_id"), channel,
                rs.getString("channel_name"), rs.getString("event"), rs.getBoolean("repeat_notice"),
                rs.getString("event_json"), NotificationStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                StoredAlerts.instant(rs, "next_attempt_at"), StoredAlerts.instant(rs, "last_attempt_at"),
                rs.getString("last_error"), StoredAlerts.instant(rs, "created_at"),
                StoredAlerts.instant(rs, "delivered_at"));
    }
}
