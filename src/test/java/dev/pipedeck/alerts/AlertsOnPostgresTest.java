package dev.pipedeck.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.reactive.function.client.WebClient;

import dev.pipedeck.health.HealthProperties;
import dev.pipedeck.health.PipeMetricStore;
import dev.pipedeck.testsupport.MutableClock;
import dev.pipedeck.testsupport.PostgresTestDatabase;
import dev.pipedeck.testsupport.TestMasterKey;

/**
 * Two instances on one PostgreSQL (as issue 12 runs them): their evaluators, run at the same moment over the same
 * failing pipes, open, fire and resolve each alert once and enqueue each notification once; their dispatchers, run at
 * the same moment, send each notification exactly once. The second instance is a second set of evaluator,
 * transitions, dispatcher and sender objects with nothing in common with the first but the database. Skipped, saying
 * why, without a PostgreSQL.
 */
@SpringBootTest
class AlertsOnPostgresTest {

    static final int PIPES = 24;

    static PostgresTestDatabase database;

    @BeforeAll
    static void createSchema() {
        database = PostgresTestDatabase.create();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database.url());
        registry.add("spring.datasource.username", () -> database.username());
        registry.add("spring.datasource.password", () -> database.password());
        String masterKey = TestMasterKey.newBase64Keyset();
        registry.add("pipedeck.master-key", () -> masterKey);
    }

    @AfterAll
    static void dropSchema() {
        if (database != null) {
            database.close();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class PostgresAlertClock {

        @Bean
        @Primary
        MutableClock postgresAlertClock() {
            return new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
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
    PipeMetricStore store;

    @Autowired
    AlertRules ruleStore;

    @Autowired
    StoredAlerts alertStore;

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

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void twoInstancesEvaluatingAndDispatchingAtOnceNotifyEachTransitionOnce() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            AlertScenario scenario = new AlertScenario(channels, rules, store, jdbc);
            long channel = scenario.webhook("shared", receiver.url("/hooks/two-instances"));
            scenario.rule("failed anywhere", null, List.of("FAILED"), 1, 0, channel);
            AlertEvaluator otherEvaluator = new AlertEvaluator(ruleStore, alertStore, new AlertTransitions(alertStore,
                    outbox, channelStore, properties, transactionManager), store, health, properties, clock);
            NotificationDispatcher otherDispatcher = new NotificationDispatcher(outbox, channelStore,
                    new NotificationSender(webClients, new StaticListableBeanFactory()
                            .getBeanProvider(JavaMailSender.class), properties), properties, clock);

            for (int minute = 0; minute < 4; minute++) {
                for (int pipe = 0; pipe < PIPES; pipe++) {
                    scenario.failed("pg-pipe-" + pipe, clock.instant());
                }
                List<AlertEvaluator.Evaluation> both = atOnce(evaluator::evaluate, otherEvaluator::evaluate);
                if (minute == 0) {
                    assertThat(both.get(0).opened() + both.get(1).opened()).isEqualTo(PIPES);
                }
                if (minute == 1) {
                    assertThat(both.get(0).fired() + both.get(1).fired()).as("each fired once").isEqualTo(PIPES);
                }
                clock.advance(Duration.ofMinutes(1));
            }
            assertThat(jdbc.queryForList("select status from alert", String.class)).hasSize(PIPES)
                    .containsOnly("FIRING");
            assertThat(count("FIRING")).as("one firing notification per alert").isEqualTo(PIPES);

            for (int round = 0; round < 4; round++) {
                atOnce(dispatcher::dispatchDue, otherDispatcher::dispatchDue);
            }
            assertThat(receiver.received()).hasSize(PIPES);
            assertThat(receiver.received().stream().map(r -> r.header("X-Pipedeck-Notification-Id")).distinct())
                    .as("each notification sent once").hasSize(PIPES);

            for (int pipe = 0; pipe < PIPES; pipe++) {
                scenario.healthy("pg-pipe-" + pipe, clock.instant());
            }
            List<AlertEvaluator.Evaluation> resolving = atOnce(evaluator::evaluate, otherEvaluator::evaluate);
            assertThat(resolving.get(0).ended() + resolving.get(1).ended()).isEqualTo(PIPES);
            assertThat(count("RESOLVED")).isEqualTo(PIPES);
            for (int round = 0; round < 4; round++) {
                atOnce(dispatcher::dispatchDue, otherDispatcher::dispatchDue);
            }
            assertThat(receiver.received()).hasSize(2 * PIPES);
            assertThat(receiver.received().stream().map(r -> r.header("X-Pipedeck-Notification-Id")).distinct())
                    .hasSize(2 * PIPES);
            assertThat(jdbc.queryForList("select distinct status from alert_notification", String.class))
                    .containsExactly("DELIVERED");
            assertThat(jdbc.queryForList("select distinct attempts from alert_notification", Integer.class))
                    .containsExactly(1);
        }
    }

    private int count(String event) {
        return jdbc.queryForObject("select count(*) from alert_notification where event = ?", Integer.class, event);
    }

    /** Runs both at the same moment on two threads; their results, in order. */
    private static <T> List<T> atOnce(Callable<T> first, Callable<T> second) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : List.of(first, second)) {
                futures.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
