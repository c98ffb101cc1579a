package dev.pipedeck.alerts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.pipedeck.secrets.SecretBinding;
import dev.pipedeck.secrets.SecretCipher;

/**
 * Channels in {@code alert_channel}. A webhook's URL and header value are one ciphertext of a JSON object, bound to the
 * row; they are decrypted only by {@link #target(long)}, to send. Nothing here logs a URL or a header value.
 */
@Component
class AlertChannels {

    static final String TABLE = "alert_channel";

    private static final String COLUMNS = "id, name, kind, target_hint, header_name, email_to, created_at, updated_at";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;

    AlertChannels(JdbcTemplate jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    static SecretBinding bindingOf(long channelId) {
        return new SecretBinding(TABLE, channelId);
    }

    List<AlertChannel> list() {
        return jdbc.query("select " + COLUMNS + " from alert_channel order by lower(name), id", AlertChannels::channel);
    }

    Optional<AlertChannel> find(long id) {
        return jdbc.query("select " + COLUMNS + " from alert_channel where id = ?", AlertChannels::channel, id)
                .stream().findFirst();
    }

    boolean nameTaken(String name, @Nullable Long exceptId) {
        return jdbc.queryForObject("select count(*) from alert_channel where lower(name) = lower(?) and id <> ?",
                Integer.class, name, exceptId == null ? -1L : exceptId) > 0;
    }

    /** Adds a channel; {@code target} is encrypted for the new row (null for email). */
    long insert(String name, ChannelKind kind, @Nullable ChannelTarget target, @Nullable String headerName,
            @Nullable String emailTo, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("insert into alert_channel (name, kind, "
                    + "target_hint, header_name, email_to, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"});
            statement.setString(1, name);
            statement.setString(2, kind.name());
            statement.setString(3, target == null ? null : target.hint());
            statement.setString(4, headerName);
            statement.setString(5, emailTo);
            statement.setObject(6, utc(now));
            statement.setObject(7, utc(now));
            return statement;
        }, key);
        long id = key.getKey().longValue();
        if (target != null) {
            storeTarget(id, target);
        }
        return id;
    }

    /** Changes a channel's plain fields; its target only when {@code newTarget} is given. */
    void update(long id, String name, @Nullable String headerName, @Nullable String emailTo,
            @Nullable ChannelTarget newTarget, Instant now) {
        jdbc.update("update alert_channel set name = ?, header_name = ?, email_to = ?, updated_at = ? where id = ?",
                name, headerName, emailTo, utc(now), id);
        if (newTarget != null) {
            storeTarget(id, newTarget);
        }
    }

    void delete(long id) {
        jdbc.update("delete from alert_channel where id = ?", id);
    }

    /** The decrypted URL and header value of a webhook channel; empty for email or a channel without one. */
    Optional<ChannelTarget> target(long id) {
        List<String> ciphertexts = jdbc.queryForList("select secret_ciphertext from alert_channel where id = ? "
                + "and secret_ciphertext is not null", String.class, id);
        if (ciphertexts.isEmpty()) {
            return Optional.empty();
        }
        JsonNode secret = JSON.readTree(cipher.decrypt(ciphertexts.get(0), bindingOf(id)));
        String header = secret.path("headerValue").isString() ? secret.path("headerValue").asString() : null;
        return Optional.of(new ChannelTarget(secret.path("url").asString(), header));
    }

    private void storeTarget(long id, ChannelTarget target) {
        Map<String, String> secret = new LinkedHashMap<>();
        secret.put("url", target.url());
        if (target.headerValue() != null) {
            secret.put("headerValue", target.headerValue());
        }
        jdbc.update("update alert_channel set secret_ciphertext = ?, target_hint = ? where id = ?",
                cipher.encrypt(JSON.writeValueAsString(secret), bindingOf(id)), target.hint(), id);
    }

    private static AlertChannel channel(ResultSet rs, int row) throws SQLException {
        return new AlertChannel(rs.getLong("id"), rs.getString("name"), ChannelKind.valueOf(rs.getString("kind")),
                rs.getString("target_hint"), rs.getString("header_name"), rs.getString("email_to"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
