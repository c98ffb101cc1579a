package dev.pipedeck.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.pipedeck.health.MetricsCollector;
import dev.pipedeck.health.PipeMetricStore;
import dev.pipedeck.orgs.SandboxConnector;
import dev.pipedeck.testsupport.TestAccounts;

/**
 * With alerts enabled, a metrics scrape is followed by an evaluation at once (the collector's event), without the
 * collector knowing about alerts. The schedules are set far off so only the event can have done it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"pipedeck.alerts.enabled=true",
        "pipedeck.alerts.evaluate-interval=1h", "pipedeck.alerts.dispatch-interval=1h"})
class AlertsAfterScrapeTest {

    @Autowired
    MetricsCollector collector;

    @Autowired
    SandboxConnector sandbox;

    @Autowired
    ChannelAdministration channels;

    @Autowired
    RuleAdministration rules;

    @Autowired
    PipeMetricStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aScrapeIsFollowedByAnEvaluation() {
        TestAccounts.asAdmin(() -> sandbox.connect());
        new AlertScenario(channels, rules, store, jdbc).rule("failed anywhere", null, List.of("FAILED"), 0, 0);

        assertThat(collector.scrapeDue()).isEqualTo(1);

        assertThat(jdbc.queryForList("select status from alert", String.class)).as("the sandbox's failed pipe")
                .containsExactly("FIRING");
    }
}
