package dev.pipedeck.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;

import dev.pipedeck.health.MetricsCollector;
import dev.pipedeck.health.PipeMetricStore;
import dev.pipedeck.orgs.OrgConnection;
import dev.pipedeck.orgs.SandboxConnector;
import dev.pipedeck.testsupport.MutableClock;

/**
 * The whole way round with the built-in sandbox: its stalled pipe "payments from MSK", scraped by the collector
 * minute after minute, fires a rule on stalled pipes once through a real local webhook receiver; an operator stops
 * the pipe from its page, and the next scrapes resolve the alert with one more notification.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class AlertSandboxRoundTripTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class SandboxClock {

        @Bean
        @Primary
        MutableClock alertSandboxClock() {
            return new MutableClock(Instant.parse("2026-11-24T10:00:30Z"));
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MetricsCollector collector;

    @Autowired
    AlertEvaluator evaluator;

    @Autowired
    NotificationDispatcher dispatcher;

    @Autowired
    ChannelAdministration channels;

    @Autowired
    RuleAdministration rules;

    @Autowired
    PipeMetricStore store;

    @Autowired
    SandboxConnector sandbox;

    final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void theSandboxsStalledPipeFiresOnceAndResolvesOnceWhenStopped() throws Exception {
        OrgConnection connection = dev.pipedeck.testsupport.TestAccounts.asAdmin(() -> sandbox.connect());
        AlertScenario scenario = new AlertScenario(channels, rules, store, jdbc);
        long channel = scenario.webhook("round trip", receiver.url("/hooks/sandbox"));
        scenario.rule("stalled anywhere", null, List.of("STALLED"), 2, 0, channel);

        int firedAtMinute = -1;
        for (int minute = 0; minute <= 16 && firedAtMinute < 0; minute++) {
            collector.scrapeDue();
            if (evaluator.evaluate().fired() > 0) {
                firedAtMinute = minute;
            }
            dispatcher.dispatchDue();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(firedAtMinute).as("stalled after 10 minutes of the same count, then 2 minutes of \"for\"")
                .isBetween(11, 14);
        for (int minute = 0; minute < 3; minute++) {
            collector.scrapeDue();
            evaluator.evaluate();
            dispatcher.dispatchDue();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(receiver.received()).singleElement().satisfies(firing -> {
            JsonNode body = firing.json();
            assertThat(body.path("status").asString()).isEqualTo("firing");
            assertThat(body.path("pipe").path("name").asString()).isEqualTo("payments from MSK");
            assertThat(body.path("alert").path("health").asString()).isEqualTo("stalled");
            assertThat(body.path("alert").path("reason").asString()).startsWith("Running, but no events fetched");
        });

        Map<String, Object> pipe = jdbc.queryForMap("select distinct pipe_id, service_id from pipe_metric_point "
                + "where pipe_name = 'payments from MSK'");
        mvc.perform(post("/organizations/{o}/services/{s}/pipes/{p}/state", connection.getOrganizationId(),
                pipe.get("service_id"), pipe.get("pipe_id")).param("command", "stop").with(csrf())
                .with(user("olivia").roles("OPERATOR")));
        for (int minute = 0; minute < 3; minute++) {
            clock.advance(Duration.ofMinutes(1));
            collector.scrapeDue();
            evaluator.evaluate();
            dispatcher.dispatchDue();
        }

        assertThat(jdbc.queryForObject("select state from pipe_metric_point where pipe_id = ? "
                + "order by bucket_start desc limit 1", String.class, pipe.get("pipe_id"))).isEqualTo("Stopped");
        assertThat(receiver.received()).hasSize(2);
        JsonNode resolved = receiver.received().get(1).json();
        assertThat(resolved.path("status").asString()).isEqualTo("resolved");
        assertThat(resolved.path("pipe").path("id").asString()).isEqualTo(pipe.get("pipe_id"));
        assertThat(resolved.path("alert").path("reason").asString()).startsWith("The pipe is healthy now: Stopped");
        assertThat(jdbc.queryForObject("select count(*) from alert where status = 'FIRING'", Integer.class)).isZero();
    }
}
