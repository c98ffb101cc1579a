package dev.pipedeck.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.pipedeck.health.PipeMetricStore;
import dev.pipedeck.health.PipeMetrics;
import dev.pipedeck.testsupport.TestAccounts;

/**
 * Sets up alert tests the way an admin would (channels and rules through the services, signed in as an admin) and
 * plants pipe readings in the stored history, as the collector would store them.
 */
final class AlertScenario {

    static final String ORGANIZATION = "a1b2c3d4-0000-4000-8000-00000000a1e7";
    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-00000000a1e7";

    private final ChannelAdministration channels;
    private final RuleAdministration rules;
    private final PipeMetricStore store;
    private final JdbcTemplate jdbc;

    AlertScenario(ChannelAdministration channels, RuleAdministration rules, PipeMetricStore store, JdbcTemplate jdbc) {
        this.channels = channels;
        this.rules = rules;
        this.store = store;
        this.jdbc = jdbc;
    }

    long webhook(String name, String url) {
        ChannelForm form = new ChannelForm();
        form.setName(name);
        form.setKind("WEBHOOK");
        form.setUrl(url);
        return saved(TestAccounts.asAdmin(() -> channels.create(form)));
    }

    long slack(String name, String url) {
        ChannelForm form = new ChannelForm();
        form.setName(name);
        form.setKind("SLACK");
        form.setUrl(url);
        return saved(TestAccounts.asAdmin(() -> channels.create(form)));
    }

    long email(String name, String recipients) {
        ChannelForm form = new ChannelForm();
        form.setName(name);
        form.setKind("EMAIL");
        form.setEmailTo(recipients);
        return saved(TestAccounts.asAdmin(() -> channels.create(form)));
    }

    /** A rule on one pipe (or all pipes when {@code pipeId} is null) firing on {@code states}. */
    long rule(String name, String pipeId, List<String> states, int forMinutes, int repeatMinutes, long... channelIds) {
        RuleForm form = new RuleForm();
        form.setName(name);
        form.setScope(pipeId == null ? "ALL" : "PIPE");
        form.setPipeId(pipeId == null ? "" : pipeId);
        form.setStates(states);
        form.setForMinutes(Integer.toString(forMinutes));
        form.setRepeatMinutes(repeatMinutes == 0 ? "" : Integer.toString(repeatMinutes));
        form.setChannelIds(Arrays.stream(channelIds).mapToObj(Long::toString).toList());
        return saved(TestAccounts.asAdmin(() -> rules.create(form)));
    }

    /** The pipe as a scrape at {@code at} reports it: in {@code state}, with these running totals. */
    void reading(String pipeId, String state, double fetched, double errors, Instant at) {
        store.record(List.of(new PipeMetrics(pipeId, ORGANIZATION, SERVICE, "pipe " + pipeId, state, fetched, fetched,
                fetched * 100, fetched * 100, errors, 5.0, null, null, null, null)), at);
    }

    void failed(String pipeId, Instant at) {
        reading(pipeId, "Failed", 100, 0, at);
    }

    void healthy(String pipeId, Instant at) {
        reading(pipeId, "Running", 100 + at.getEpochSecond(), 0, at);
    }

    int notifications(String status) {
        return jdbc.queryForObject("select count(*) from alert_notification where status = ?", Integer.class, status);
    }

    private static long saved(AlertSaveOutcome outcome) {
        assertThat(outcome.problems()).as("saved without problems").isEmpty();
        return outcome.id();
    }
}
