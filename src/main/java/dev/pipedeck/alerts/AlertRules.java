package dev.pipedeck.alerts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

import dev.pipedeck.health.PipeHealth;

/** Rules in {@code alert_rule}, with their channels in {@code alert_rule_channel}. */
@Component
class AlertRules {

    private static final String COLUMNS = "id, name, scope, organization_id, service_id, pipe_id, health_states, "
            + "for_seconds, repeat_seconds, enabled, created_at, updated_at";

    private final JdbcTemplate jdbc;

    AlertRules(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<AlertRule> list() {
        return withChannels(jdbc.query("select " + COLUMNS + " from alert_rule order by lower(name), id",
                AlertRules::rule));
    }

    List<AlertRule> listEnabled() {
        return withChannels(jdbc.query("select " + COLUMNS + " from alert_rule where enabled order by id",
                AlertRules::rule));
    }

    Optional<AlertRule> find(long id) {
        return withChannels(jdbc.query("select " + COLUMNS + " from alert_rule where id = ?", AlertRules::rule, id))
                .stream().findFirst();
    }

    boolean nameTaken(String name, @Nullable Long exceptId) {
        return jdbc.queryForObject("select count(*) from alert_rule where lower(name) = lower(?) and id <> ?",
                Integer.class, name, exceptId == null ? -1L : exceptId) > 0;
    }

    /** Rules that send to {@code channelId}, by name. */
    List<String> namesUsing(long channelId) {
        return jdbc.queryForList("select r.name from alert_rule r join alert_rule_channel c on c.rule_id = r.id "
                + "where c.channel_id = ? order by lower(r.name)", String.class, channelId);
    }

    /** Adds {@code rule} (its id ignored); returns the new id. */
    long insert(AlertRule rule, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("insert into alert_rule (name, scope, "
                    + "organization_id, service_id, pipe_id, health_states, for_seconds, repeat_seconds, enabled, "
                    + "created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            statement.setString(1, rule.name());
            statement.setString(2, rule.scope().name());
            statement.setString(3, rule.organizationId());
            statement.setString(4, rule.serviceId());
            statement.setString(5, rule.pipeId());
            statement.setString(6, states(rule.states()));
            statement.setLong(7, rule.holdFor().toSeconds());
            statement.setLong(8, rule.repeatEvery().toSeconds());
            statement.setBoolean(9, rule.enabled());
            statement.setObject(10, AlertChannels.utc(now));
            statement.setObject(11, AlertChannels.utc(now));
            return statement;
        }, key);
        long id = key.getKey().longValue();
        linkChannels(id, rule.channelIds());
        return id;
    }

    void update(long id, AlertRule rule, Instant now) {
        jdbc.update("update alert_rule set name = ?, scope = ?, organization_id = ?, service_id = ?, pipe_id = ?, "
                + "health_states = ?, for_seconds = ?, repeat_seconds = ?, enabled = ?, updated_at = ? where id = ?",
                rule.name(), rule.scope().name(), rule.organizationId(), rule.serviceId(), rule.pipeId(),
                states(rule.states()), rule.holdFor().toSeconds(), rule.repeatEvery().toSeconds(), rule.enabled(),
                AlertChannels.utc(now), id);
        jdbc.update("delete from alert_rule_channel where rule_id = ?", id);
        linkChannels(id, rule.channelIds());
    }

    void setEnabled(long id, boolean enabled, Instant now) {
        jdbc.update("update alert_rule set enabled = ?, updated_at = ? where id = ?", enabled, AlertChannels.utc(now),
                id);
    }

    void delete(long id) {
        jdbc.update("delete from alert_rule where id = ?", id);
    }

    private void linkChannels(long ruleId, List<Long> channelIds) {
        for (Long channelId : channelIds) {
            jdbc.update("insert into alert_rule_channel (rule_id, channel_id) values (?, ?)", ruleId, channelId);
        }
    }

    private List<AlertRule> withChannels(List<AlertRule> rules) {
        if (rules.isEmpty()) {
            return rules;
        }
        Map<Long, List<Long>> channels = new LinkedHashMap<>();
        jdbc.query("select rule_id, channel_id from alert_rule_channel order by rule_id, channel_id", rs -> {
            channels.computeIfAbsent(rs.getLong("rule_id"), id -> new ArrayList<>()).add(rs.getLong("channel_id"));
        });
        return rules.stream().map(rule -> new AlertRule(rule.id(), rule.name(), rule.scope(), rule.organizationId(),
                rule.serviceId(), rule.pipeId(), rule.states(), rule.holdFor(), rule.repeatEvery(), rule.enabled(),
                channels.getOrDefault(rule.id(), List.of()), rule.createdAt(), rule.updatedAt())).toList();
    }

    private static String states(Set<PipeHealth> states) {
        return Arrays.stream(PipeHealth.values()).filter(states::contains).map(PipeHealth::name)
                .collect(Collectors.joining(","));
    }

    private static AlertRule rule(ResultSet rs, int row) throws SQLException {
        Set<PipeHealth> states = EnumSet.noneOf(PipeHealth.class);
        for (String state : rs.getString("health_states").split(",")) {
            if (!state.isBlank()) {
                states.add(PipeHealth.valueOf(state.strip()));
            }
        }
        return new AlertRule(rs.getLong("id"), rs.getString("name"), RuleScope.valueOf(rs.getString("scope")),
                rs.getString("organization_id"), rs.getString("service_id"), rs.getString("pipe_id"), states,
                Duration.ofSeconds(rs.getLong("for_seconds")), Duration.ofSeconds(rs.getLong("repeat_seconds")),
                rs.getBoolean("enabled"), List.of(), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
