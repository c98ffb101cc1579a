package dev.pipedeck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.pipedeck.alerts.AlertEvaluator;
import dev.pipedeck.alerts.NotificationDispatcher;
import dev.pipedeck.audit.AuditVerification;
import dev.pipedeck.audit.AuditVerifier;
import dev.pipedeck.cluster.JobLeases;
import dev.pipedeck.health.MetricsCollector;
import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.HttpBrowser;
import dev.pipedeck.testsupport.PostgresTestDatabase;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.testsupport.TestMasterKey;

/**
 * Two Pipedeck instances on one PostgreSQL, as behind a load balancer: they start together (Flyway migrates once,
 * the first admin is created once), a session begun on one continues on the other, writes driven through both at
 * once never push ClickHouse Cloud past the key's budget, the audit chain they both append to verifies, and only one
 * of them collects metrics.
 */
class TwoInstancesOnOnePostgresTest {

    static final String ORG = "7e57c0de-0000-4000-8000-00000000a11a";
    static final String SERVICE = "7e57c0de-0000-4000-8000-00000000511c";
    static final String PIPE = "7e57c0de-0000-4000-8000-0000000091be";
    static final String ADMIN = "cluster-admin";
    static final String PASSWORD = "two instances, one database";
    static final int BUDGET = 3;
    static final Duration WINDOW = Duration.ofSeconds(1);

    static PostgresTestDatabase database;
    static FakeCloud cloud;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static final List<Long> stateChangeArrivals = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        database = PostgresTestDatabase.create();
        cloud = new FakeCloud();
        cloud.ok("GET", "/organizations/" + ORG, "{\"id\":\"" + ORG + "\",\"name\":\"Two instances\"}");
        cloud.on("PATCH", "/organizations/" + ORG + "/services/" + SERVICE + "/clickpipes/" + PIPE + "/state",
                call -> {
                    stateChangeArrivals.add(System.nanoTime());
                    return FakeCloud.envelope("{\"id\":\"" + PIPE + "\",\"state\":\"Stopping\"}");
                });
        cloud.ok("GET", "/organizations/" + ORG + "/prometheus", "\"\"");
        String masterKey = TestMasterKey.newBase64Keyset();
        CompletableFuture<ConfigurableApplicationContext> a = CompletableFuture.supplyAsync(() -> start(masterKey));
        CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture.supplyAsync(() -> start(masterKey));
        first = a.get();
        second = b.get();
    }

    private static ConfigurableApplicationContext start(String masterKey) {
        return new SpringApplicationBuilder(PipedeckApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--pipedeck.master-key=" + masterKey,
                "--pipedeck.admin.username=" + ADMIN,
                "--pipedeck.admin.password=" + PASSWORD,
                // Scheduled scrapes would start only after an hour: the test asks both instances to collect itself.
                "--pipedeck.health.collect=true",
                "--pipedeck.health.scrape-interval=1h");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null) {
                context.close();
            }
        }
        if (cloud != null) {
            cloud.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theyShareSessionsTheBudgetTheAuditChainAndTheCollectorsLease() throws Exception {
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where not success", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from account", Integer.class))
                .as("the first admin was created once").isEqualTo(1);

        // Signed in on the first instance, the same browser goes on on the second: the session is in the database.
        HttpBrowser browser = new HttpBrowser();
        HttpResponse<String> signedIn = browser.signIn(port(first), ADMIN, PASSWORD);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        HttpResponse<String> home = browser.get(port(second), "/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(ADMIN);

        // A change made on the second instance with the session (and CSRF token) from the first.
        HttpResponse<String> connected = browser.post(port(second), "/organizations", Map.of(
                "displayName", "Two instances", "organizationId", ORG, "keyId", "ClusterKey01",
                "keySecret", "ClusterKeySecret99", "baseUrl", cloud.baseUrl(),
                "budgetRequests", String.valueOf(BUDGET), "budgetWindowSeconds", String.valueOf(WINDOW.toSeconds())));
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(302);

        // Writes through both instances at once: together they never exceed the key's budget.
        int perInstance = 6;
        List<CompletableFuture<HttpResponse<String>>> writes = new ArrayList<>();
        for (int i = 0; i < perInstance; i++) {
            writes.add(stopThroughApi(port(first)));
            writes.add(stopThroughApi(port(second)));
        }
        for (CompletableFuture<HttpResponse<String>> write : writes) {
            HttpResponse<String> answer = write.get();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        List<Long> arrivals = new ArrayList<>(stateChangeArrivals);
        Collections.sort(arrivals);
        assertThat(arrivals).hasSize(2 * perInstance);
        for (int i = BUDGET; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i) - arrivals.get(i - BUDGET))
                    .as("requests %d and %d arrived within one window", i - BUDGET, i)
                    .isGreaterThanOrEqualTo(WINDOW.toNanos());
        }

        // Both instances appended to one chain, which verifies.
        AuditVerification verification = TestAccounts.asAdmin(() -> second.getBean(AuditVerifier.class).verify());
        assertThat(verification.intact()).as(verification.summary()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from audit_record where action = 'pipe.state.stop'"
                + " and outcome = 'success'", Integer.class)).isEqualTo(2 * perInstance);

        // One collector at a time: both asked to collect, one holds the lease and scrapes.
        CompletableFuture<Void> collectA = CompletableFuture.runAsync(
                () -> first.getBean(MetricsCollector.class).collectOnSchedule());
        CompletableFuture<Void> collectB = CompletableFuture.runAsync(
                () -> second.getBean(MetricsCollector.class).collectOnSchedule());
        CompletableFuture.allOf(collectA, collectB).get();
        assertThat(cloud.count("GET", "/organizations/" + ORG + "/prometheus")).isEqualTo(1);
        JobLeases leasesA = first.getBean(JobLeases.class);
        JobLeases leasesB = second.getBean(JobLeases.class);
        assertThat(leasesA.holds("two-instances-test", Duration.ofMinutes(1))).isTrue();
        assertThat(leasesB.holds("two-instances-test", Duration.ofMinutes(1))).isFalse();
        leasesA.releaseAll();
        assertThat(leasesB.holds("two-instances-test", Duration.ofMinutes(1)))
                .as("released on shutdown, the job moves to the other instance").isTrue();

        // Alerts: a channel made on one instance, a rule on the other; both evaluate and dispatch at the same moment,
        // and the failed pipe's alert is sent once.
        try (FakeCloud hooks = new FakeCloud()) {
            hooks.on("POST", "/hooks", call -> FakeCloud.json(200, "{}"));
            browser.get(port(first), "/alerts/channels/new");
            assertThat(browser.post(port(first), "/alerts/channels", Map.of("name", "cluster hook", "kind", "WEBHOOK",
                    "url", hooks.baseUrl().replaceAll("/$", "") + "/v1/hooks")).statusCode()).isEqualTo(302);
            long channel = jdbc.queryForObject("select id from alert_channel", Long.class);
            browser.get(port(second), "/alerts/rules/new");
            HttpResponse<String> rule = browser.post(port(second), "/alerts/rules", Map.of("name", "failed anywhere",
                    "scope", "ALL", "states", List.of("FAILED"), "forMinutes", "0", "repeatMinutes", "",
                    "channelIds", List.of(String.valueOf(channel)), "enabled", "true"));
            assertThat(rule.statusCode()).as(rule.body()).isEqualTo(302);
            jdbc.update("insert into pipe_metric_point (pipe_id, resolution_minutes, bucket_start, organization_id,"
                    + " service_id, pipe_name, state) values (?, 1, ?, ?, ?, ?, 'Failed')", PIPE,
                    java.sql.Timestamp.from(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)),
                    ORG, SERVICE, "cluster pipe");

            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> first.getBean(AlertEvaluator.class).evaluate()),
                    CompletableFuture.runAsync(() -> second.getBean(AlertEvaluator.class).evaluate())).get();
            for (int round = 0; round < 3; round++) {
                CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> first.getBean(NotificationDispatcher.class).dispatchDue()),
                        CompletableFuture.runAsync(() -> second.getBean(NotificationDispatcher.class).dispatchDue()))
                        .get();
            }
            assertThat(jdbc.queryForObject("select count(*) from alert where status = 'FIRING'", Integer.class))
                    .isEqualTo(1);
            assertThat(hooks.count("POST", "/hooks")).as("no alert sent twice: %s", jdbc.queryForList("select status, last_error from alert_notification")).isEqualTo(1);
        }
    }

    private static CompletableFuture<HttpResponse<String>> stopThroughApi(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/organizations/"
                        + ORG + "/services/" + SERVICE + "/clickpipes/" + PIPE + "/state"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"command\":\"stop\"}"))
                .timeout(Duration.ofSeconds(30))
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
