package dev.pipedeck.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import tools.jackson.databind.JsonNode;

import dev.pipedeck.health.HealthProperties;
import dev.pipedeck.health.PipeMetricStore;
import dev.pipedeck.testsupport.MutableClock;
import dev.pipedeck.testsupport.TestAccounts;

/**
 * Alerts from stored pipe readings to a real local webhook receiver: an alert fires once after its rule's "for",
 * repeats only as asked, resolves once; failed deliveries are retried with growing pauses and given up after the
 * bound; and neither a restarted instance nor a crashed one sends a notification twice.
 */
@SpringBootTest(properties = "pipedeck.alerts.console-url=https://console.example.com/")
class AlertDeliveryTest {

    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    /** When the test began: the clock moves on from test to test, to the start of an hour for each. */
    Instant t0;

    @TestConfiguration(proxyBeanMethods = false)
    static class AlertClock {

        @Bean
        @Primary
        MutableClock alertTestClock() {
            return new MutableClock(START);
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AlertEvaluator evaluator;

    @Autowired
    NotificationDispatcher dispatcher;

    @Autowired
    ChannelAdministration channels;

    @Autowired
    RuleAdministration rules;

    @Autowired
    AlertQueries queries;

    @Autowired
    PipeMetricStore store;

    @Autowired
    AlertRules ruleStore;

    @Autowired
    StoredAlerts alertStore;

    @Autowired
    AlertTransitions transitions;

    @Autowired
    AlertChannels channelStore;

    @Autowired
    NotificationOutbox outbox;

    @Autowired
    HealthProperties health;

    @Autowired
    AlertProperties properties;

    @Autowired
    WebClient.Builder webClients;

    WebhookReceiver receiver;
    AlertScenario scenario;

    @BeforeEach
    void start() {
        jdbc.update("delete from alert_notification");
        jdbc.update("delete from alert");
        jdbc.update("delete from alert_rule");
        jdbc.update("delete from alert_channel");
        Instant now = clock.instant();
        clock.advance(Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1))));
        t0 = clock.instant();
        receiver = new WebhookReceiver();
        scenario = new AlertScenario(channels, rules, store, jdbc);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aFailedPipeFiresOnceAfterForAndResolvesOnce() {
        long channel = scenario.webhook("receiver", receiver.url("/hooks/one"));
        scenario.rule("failed pipe-a", "pipe-a", List.of("FAILED"), 5, 0, channel);

        scenario.failed("pipe-a", clock.instant());
        assertThat(evaluator.evaluate().opened()).isEqualTo(1);
        assertThat(dispatcher.dispatchDue().sent()).isZero();
        clock.advance(Duration.ofMinutes(4));
        scenario.failed("pipe-a", clock.instant());
        assertThat(evaluator.evaluate().fired()).as("not before the rule's 5 minutes").isZero();
        assertThat(TestAccounts.asAdmin(() -> queries.overview()).pending()).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        scenario.failed("pipe-a", clock.instant());
        assertThat(evaluator.evaluate().fired()).isEqualTo(1);
        assertThat(dispatcher.dispatchDue().delivered()).isEqualTo(1);

        assertThat(receiver.received()).singleElement().satisfies(firing -> {
            assertThat(firing.method()).isEqualTo("POST");
            assertThat(firing.path()).isEqualTo("/hooks/one");
            assertThat(firing.header("Content-Type")).startsWith("application/json");
            String notificationId = jdbc.queryForObject("select notification_id from alert_notification "
                    + "where event = 'FIRING'", String.class);
            assertThat(firing.header("X-Pipedeck-Notification-Id")).isEqualTo(notificationId);
            JsonNode body = firing.json();
            assertThat(body.path("notificationId").asString()).isEqualTo(notificationId);
            assertThat(body.path("status").asString()).isEqualTo("firing");
            assertThat(body.path("test").asBoolean()).isFalse();
            assertThat(body.path("alert").path("health").asString()).isEqualTo("failed");
            assertThat(body.path("alert").path("reason").asString()).isEqualTo("The pipe is Failed.");
            assertThat(body.path("alert").path("pendingSince").asString()).isEqualTo(t0.toString());
            assertThat(body.path("alert").path("firedAt").asString())
                    .isEqualTo(t0.plus(Duration.ofMinutes(5)).toString());
            assertThat(body.path("alert").path("resolvedAt").isNull()).isTrue();
            assertThat(body.path("rule").path("name").asString()).isEqualTo("failed pipe-a");
            assertThat(body.path("pipe").path("id").asString()).isEqualTo("pipe-a");
            assertThat(body.path("pipe").path("name").asString()).isEqualTo("pipe pipe-a");
            assertThat(body.path("pipe").path("organizationId").asString()).isEqualTo(AlertScenario.ORGANIZATION);
            assertThat(body.path("pipe").path("serviceId").asString()).isEqualTo(AlertScenario.SERVICE);
            assertThat(body.path("pipe").path("url").asString()).isEqualTo("https://console.example.com/organizations/"
                    + AlertScenario.ORGANIZATION + "/services/" + AlertScenario.SERVICE + "/pipes/pipe-a");
        });

        for (int minute = 0; minute < 5; minute++) {
            clock.advance(Duration.ofMinutes(1));
            scenario.failed("pipe-a", clock.instant());
            assertThat(evaluator.evaluate()).isEqualTo(new AlertEvaluator.Evaluation(0, 0, 0, 0));
            assertThat(dispatcher.dispatchDue().sent()).isZero();
        }
        assertThat(receiver.count()).as("still firing, nothing more sent").isEqualTo(1);
        assertThat(TestAccounts.asAdmin(() -> queries.firingCount())).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        scenario.healthy("pipe-a", clock.instant());
        assertThat(evaluator.evaluate().ended()).isEqualTo(1);
        assertThat(dispatcher.dispatchDue().delivered()).isEqualTo(1);
        for (int minute = 0; minute < 3; minute++) {
            clock.advance(Duration.ofMinutes(1));
            scenario.healthy("pipe-a", clock.instant());
            assertThat(evaluator.evaluate()).isEqualTo(new AlertEvaluator.Evaluation(0, 0, 0, 0));
            dispatcher.dispatchDue();
        }

        assertThat(receiver.received()).hasSize(2);
        JsonNode resolved = receiver.received().get(1).json();
        assertThat(resolved.path("status").asString()).isEqualTo("resolved");
        assertThat(resolved.path("alert").path("id").asLong())
                .isEqualTo(receiver.received().get(0).json().path("alert").path("id").asLong());
        assertThat(resolved.path("alert").path("resolvedAt").asString())
                .isEqualTo(t0.plus(Duration.ofMinutes(11)).toString());
        assertThat(resolved.path("alert").path("reason").asString()).startsWith("The pipe is healthy now: Running");
        assertThat(receiver.received().get(1).header("X-Pipedeck-Notification-Id"))
                .isNotEqualTo(receiver.received().get(0).header("X-Pipedeck-Notification-Id"));

        AlertQueries.Overview overview = TestAccounts.asAdmin(() -> queries.overview());
        assertThat(overview.firing()).isEmpty();
        assertThat(overview.history()).singleElement().satisfies(row -> {
            assertThat(row.alert().status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(row.firedFor()).isEqualTo("6 min");
            assertThat(row.deliveries()).extracting(Notification::eventLabel).containsExactly("firing", "resolved");
            assertThat(row.deliveries()).allSatisfy(n -> {
                assertThat(n.status()).isEqualTo(NotificationStatus.DELIVERED);
                assertThat(n.attempts()).isEqualTo(1);
            });
        });
    }

    @Test
    void aPendingAlertWhoseStateClearsBeforeForNeverFires() {
        long channel = scenario.webhook("receiver", receiver.url("/hooks/brief"));
        scenario.rule("brief failure", "pipe-brief", List.of("FAILED"), 5, 0, channel);

        scenario.failed("pipe-brief", clock.instant());
        evaluator.evaluate();
        clock.advance(Duration.ofMinutes(2));
        scenario.healthy("pipe-brief", clock.instant());
        assertThat(evaluator.evaluate().ended()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));
        scenario.healthy("pipe-brief", clock.instant());
        evaluator.evaluate();
        dispatcher.dispatchDue();

        assertThat(receiver.count()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from alert", Integer.class)).as("dropped, not history")
                .isZero();
    }

    @Test
    void aFiringAlertIsSentAgainEveryRepeatIntervalOnly() {
        long channel = scenario.webhook("receiver", receiver.url("/hooks/repeat"));
        scenario.rule("repeat", "pipe-r", List.of("FAILED"), 0, 30, channel);

        scenario.failed("pipe-r", clock.instant());
        assertThat(evaluator.evaluate().fired()).as("\"for\" 0 fires at once").isEqualTo(1);
        dispatcher.dispatchDue();
        for (int step = 0; step < 7; step++) {
            clock.advance(Duration.ofMinutes(4));
            scenario.failed("pipe-r", clock.instant());
            evaluator.evaluate();
            dispatcher.dispatchDue();
        }
        assertThat(receiver.count()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        scenario.failed("pipe-r", clock.instant());
        assertThat(evaluator.evaluate().repeated()).isEqualTo(1);
        assertThat(evaluator.evaluate().repeated()).isZero();
        dispatcher.dispatchDue();

        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(1).json().path("status").asString()).isEqualTo("firing");
        assertThat(receiver.received().get(1).json().path("repeat").asBoolean()).isTrue();
    }

    @Test
    void aFailingReceiverIsRetriedWithGrowingPausesAndTheNotificationDeliveredOnce() {
        receiver.answer(500, 503);
        long channel = scenario.webhook("flaky", receiver.url("/hooks/flaky-token"));
        scenario.rule("flaky", "pipe-f", List.of("FAILED"), 0, 0, channel);
        scenario.failed("pipe-f", clock.instant());
        evaluator.evaluate();

        assertThat(dispatcher.dispatchDue()).isEqualTo(new NotificationDispatcher.Round(0, 1, 0));
        assertThat(dispatcher.dispatchDue().sent()).as("not before its pause").isZero();
        clock.advance(Duration.ofSeconds(29));
        assertThat(dispatcher.dispatchDue().sent()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.dispatchDue()).as("after 30 s").isEqualTo(new NotificationDispatcher.Round(0, 1, 0));
        clock.advance(Duration.ofSeconds(59));
        assertThat(dispatcher.dispatchDue().sent()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.dispatchDue()).as("after 1 min").isEqualTo(new NotificationDispatcher.Round(1, 0, 0));
        clock.advance(Duration.ofHours(1));
        assertThat(dispatcher.dispatchDue().sent()).isZero();

        assertThat(receiver.received()).hasSize(3).extracting(r -> r.header("X-Pipedeck-Notification-Id"))
                .as("the same notification each time").containsOnly(receiver.received().get(0)
                        .header("X-Pipedeck-Notification-Id"));
        Notification notification = outbox.find(jdbc.queryForObject("select id from alert_notification",
                Long.class));
        assertThat(notification.status()).isEqualTo(NotificationStatus.DELIVERED);
        assertThat(notification.attempts()).isEqualTo(3);
        assertThat(notification.deliveredAt()).isEqualTo(t0.plus(Duration.ofSeconds(90)));
    }

    @Test
    void aReceiverThatAlwaysFailsIsGivenUpAfterMaxAttempts() {
        receiver.thenAlways(500).answerBody("upstream says /hooks/always-token is broken");
        long channel = scenario.webhook("broken", receiver.url("/hooks/always-token"));
        scenario.rule("broken", "pipe-b", List.of("FAILED"), 0, 0, channel);
        scenario.failed("pipe-b", clock.instant());
        evaluator.evaluate();

        List<Duration> pauses = List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(4), Duration.ofMinutes(8));
        assertThat(dispatcher.dispatchDue().retrying()).isEqualTo(1);
        for (Duration pause : pauses) {
            clock.advance(pause.minusSeconds(1));
            assertThat(dispatcher.dispatchDue().sent()).as("not before %s", pause).isZero();
            clock.advance(Duration.ofSeconds(1));
            assertThat(dispatcher.dispatchDue().sent()).as("after %s", pause).isEqualTo(1);
        }
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofHours(1));
            assertThat(dispatcher.dispatchDue().sent()).isZero();
        }

        assertThat(receiver.count()).isEqualTo(properties.maxAttempts()).isEqualTo(6);
        Notification notification = outbox.find(jdbc.queryForObject("select id from alert_notification",
                Long.class));
        assertThat(notification.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(notification.attempts()).isEqualTo(6);
        assertThat(notification.lastError()).startsWith("HTTP 500 from http://127.0.0.1:")
                .doesNotContain("always-token");
    }

    @Test
    void aRedirectOrARefusalIsNotRetriedAndNotFollowed() {
        receiver.answer(302, 404);
        long channel = scenario.webhook("moved", receiver.url("/hooks/moved"));
        scenario.rule("moved", "pipe-m", List.of("FAILED"), 0, 0, channel);
        scenario.failed("pipe-m", clock.instant());
        evaluator.evaluate();
        scenario.failed("pipe-m2", clock.instant());
        scenario.rule("refused", "pipe-m2", List.of("FAILED"), 0, 0, channel);
        evaluator.evaluate();

        assertThat(dispatcher.dispatchDue().failed()).isEqualTo(2);
        clock.advance(Duration.ofHours(1));
        assertThat(dispatcher.dispatchDue().sent()).isZero();
        assertThat(receiver.count()).isEqualTo(2);
        assertThat(jdbc.queryForList("select last_error from alert_notification order by id", String.class))
                .anySatisfy(error -> assertThat(error).contains("HTTP 302").contains("redirects are not followed"))
                .anySatisfy(error -> assertThat(error).contains("HTTP 404"));
    }

    @Test
    void aSlackChannelGetsAReadableTextMessage() {
        long channel = scenario.slack("slack", receiver.url("/services/T000/B000/XXXXXXXX"));
        scenario.rule("slack rule", "pipe-s", List.of("FAILED", "STALLED"), 0, 0, channel);
        scenario.failed("pipe-s", clock.instant());
        evaluator.evaluate();
        dispatcher.dispatchDue();
        clock.advance(Duration.ofMinutes(3));
        scenario.healthy("pipe-s", clock.instant());
        evaluator.evaluate();
        dispatcher.dispatchDue();

        assertThat(receiver.received()).hasSize(2);
        JsonNode firing = receiver.received().get(0).json();
        assertThat(firing.propertyNames()).containsExactly("text");
        assertThat(firing.path("text").asString())
                .startsWith(":red_circle: *FIRING* pipe pipe-s is failed\nThe pipe is Failed.\nRule: slack rule\n")
                .contains("Firing since " + minute(t0))
                .endsWith("\n<https://console.example.com/organizations/" + AlertScenario.ORGANIZATION + "/services/"
                        + AlertScenario.SERVICE + "/pipes/pipe-s|Open the pipe in Pipedeck>");
        assertThat(receiver.received().get(0).header("X-Pipedeck-Notification-Id")).isNotBlank();
        assertThat(receiver.received().get(1).json().path("text").asString())
                .startsWith(":large_green_circle: *RESOLVED* pipe pipe-s is no longer failed")
                .contains("Fired " + minute(t0) + ", resolved " + minute(t0.plus(Duration.ofMinutes(3))) + " (3 min)");
    }

    @Test
    void disablingARuleResolvesItsFiringAlertAndDeletingKeepsTheHistory() {
        long channel = scenario.webhook("receiver", receiver.url("/hooks/rule-changes"));
        long rule = scenario.rule("to disable", "pipe-d", List.of("FAILED"), 0, 0, channel);
        scenario.failed("pipe-d", clock.instant());
        evaluator.evaluate();
        dispatcher.dispatchDue();

        TestAccounts.asAdmin(() -> rules.setEnabled(rule, false));
        dispatcher.dispatchDue();
        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(1).json().path("status").asString()).isEqualTo("resolved");
        assertThat(receiver.received().get(1).json().path("alert").path("reason").asString())
                .isEqualTo("The rule was disabled.");
        clock.advance(Duration.ofMinutes(1));
        scenario.failed("pipe-d", clock.instant());
        assertThat(evaluator.evaluate()).isEqualTo(new AlertEvaluator.Evaluation(0, 0, 0, 0));

        TestAccounts.asAdmin(() -> rules.setEnabled(rule, true));
        evaluator.evaluate();
        TestAccounts.asAdmin(() -> rules.delete(rule));
        dispatcher.dispatchDue();
        dispatcher.dispatchDue();
        assertThat(receiver.received()).hasSize(4);
        assertThat(receiver.received().get(3).json().path("alert").path("reason").asString())
                .isEqualTo("The rule was deleted.");
        assertThat(TestAccounts.asAdmin(() -> queries.overview()).history()).hasSize(2)
                .allSatisfy(row -> assertThat(row.alert().ruleName()).isEqualTo("to disable"));
    }

    @Test
    void noNotificationIsLostOrRepeatedAcrossARestartOrACrash() {
        long channel = scenario.webhook("receiver", receiver.url("/hooks/restart"));
        scenario.rule("restart", "pipe-x", List.of("FAILED"), 2, 0, channel);
        scenario.failed("pipe-x", clock.instant());
        evaluator.evaluate();

        // A restart: new evaluator and dispatcher, nothing in memory, the same database.
        clock.advance(Duration.ofMinutes(2));
        scenario.failed("pipe-x", clock.instant());
        AlertEvaluator restartedEvaluator = newEvaluator();
        NotificationDispatcher restartedDispatcher = newDispatcher();
        assertThat(restartedEvaluator.evaluate().fired()).as("the pending alert survived the restart").isEqualTo(1);
        assertThat(evaluator.evaluate().fired()).isZero();
        restartedDispatcher.dispatchDue();
        dispatcher.dispatchDue();
        AlertEvaluator again = newEvaluator();
        assertThat(again.evaluate()).isEqualTo(new AlertEvaluator.Evaluation(0, 0, 0, 0));
        assertThat(newDispatcher().dispatchDue().sent()).isZero();
        assertThat(receiver.count()).isEqualTo(1);

        // A crash: an instance took the resolved notification and died before sending it.
        clock.advance(Duration.ofMinutes(1));
        scenario.healthy("pipe-x", clock.instant());
        assertThat(newEvaluator().evaluate().ended()).isEqualTo(1);
        long resolved = jdbc.queryForObject("select id from alert_notification where event = 'RESOLVED'", Long.class);
        assertThat(outbox.claim(resolved, "crashed-instance", clock.instant(), clock.instant().plus(properties.lease())))
                .isTrue();
        assertThat(newDispatcher().dispatchDue().sent()).as("held by the crashed instance").isZero();
        clock.advance(properties.lease().plusSeconds(1));
        assertThat(newDispatcher().dispatchDue().delivered()).as("taken over once its lease ran out").isEqualTo(1);
        assertThat(dispatcher.dispatchDue().sent()).isZero();
        assertThat(outbox.delivered(resolved, "crashed-instance", clock.instant()))
                .as("the crashed holder cannot record anything any more").isFalse();

        assertThat(receiver.received()).extracting(r -> r.json().path("status").asString())
                .containsExactly("firing", "resolved");
    }

    @Test
    void aResolvedNotificationWaitsForItsFiringOneToTheSameChannel() {
        receiver.answer(500);
        long channel = scenario.webhook("receiver", receiver.url("/hooks/order"));
        scenario.rule("order", "pipe-o", List.of("FAILED"), 0, 0, channel);
        scenario.failed("pipe-o", clock.instant());
        evaluator.evaluate();
        assertThat(dispatcher.dispatchDue().retrying()).isEqualTo(1);
        scenario.healthy("pipe-o", clock.instant());
        assertThat(evaluator.evaluate().ended()).isEqualTo(1);

        assertThat(dispatcher.dispatchDue().sent()).as("resolved waits while firing is pending").isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(dispatcher.dispatchDue().delivered()).isEqualTo(1);
        assertThat(dispatcher.dispatchDue().delivered()).isEqualTo(1);
        assertThat(receiver.received()).extracting(r -> r.json().path("status").asString())
                .containsExactly("firing", "firing", "resolved");
    }

    private static String minute(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(instant);
    }

    private AlertEvaluator newEvaluator() {
        return new AlertEvaluator(ruleStore, alertStore, transitions, store, health, properties, clock);
    }

    private NotificationDispatcher newDispatcher() {
        return new NotificationDispatcher(outbox, channelStore, new NotificationSender(webClients,
                new org.springframework.beans.factory.support.StaticListableBeanFactory()
                        .getBeanProvider(org.springframework.mail.javamail.JavaMailSender.class), properties),
                properties, clock);
    }
}
