package dev.pipedeck.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.PostgresTestDatabase;
import dev.pipedeck.testsupport.TcpProxy;
import dev.pipedeck.testsupport.TestMasterKey;

/**
 * The connection to PostgreSQL is cut (by a TCP proxy between Pipedeck and the database — the shared server is never
 * restarted) and restored: Pipedeck reports not-ready, refuses the changes it could not audit (sending nothing
 * upstream) with a clear answer in time, recovers by itself within 10 s of the connection returning, and every change
 * that reported success has its audit record.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DatabaseConnectionCutTest {

    static final String ORG = "db0c07a0-0000-4000-8000-000000000001";
    static final String SERVICE = "db0c07a0-0000-4000-8000-000000000002";
    static final String PIPE = "db0c07a0-0000-4000-8000-000000000003";
    static final String ADMIN = "outage-admin";
    static final String PASSWORD = "the database went away";
    static final String STATE = "/organizations/" + ORG + "/services/" + SERVICE + "/clickpipes/" + PIPE + "/state";

    static PostgresTestDatabase database;
    static TcpProxy proxy;
    static FakeCloud cloud;

    @BeforeAll
    static void putAProxyInFrontOfPostgres() throws Exception {
        database = PostgresTestDatabase.create();
        Matcher hostPort = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/").matcher(database.url());
        assertThat(hostPort.find()).as(database.url()).isTrue();
        proxy = new TcpProxy(hostPort.group(1), Integer.parseInt(hostPort.group(2)));
        cloud = new FakeCloud();
        cloud.on("PATCH", STATE, call -> FakeCloud.envelope("{\"id\":\"" + PIPE + "\",\"state\":\"Stopping\"}"));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String viaProxy = database.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
        registry.add("spring.datasource.url", () -> viaProxy);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        String masterKey = TestMasterKey.newBase64Keyset();
        registry.add("pipedeck.master-key", () -> masterKey);
        registry.add("pipedeck.admin.username", () -> ADMIN);
        registry.add("pipedeck.admin.password", () -> PASSWORD);
        registry.add("pipedeck.organizations[0].name", () -> "Outage org");
        registry.add("pipedeck.organizations[0].organization-id", () -> ORG);
        registry.add("pipedeck.organizations[0].key-id", () -> "OutageKey01");
        registry.add("pipedeck.organizations[0].key-secret", () -> "OutageKeySecret99");
        registry.add("pipedeck.organizations[0].base-url", cloud::baseUrl);
        registry.add("pipedeck.organizations[0].budget-requests", () -> "1000");
        registry.add("pipedeck.organizations[0].budget-window-seconds", () -> "10");
    }

    @AfterAll
    static void closeEverything() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (cloud != null) {
            cloud.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void cutRefusedUnauditableChangesThenRecoveredByItself() throws Exception {
        List<String> succeeded = new ArrayList<>();
        HttpResponse<String> before = stopThePipe();
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        succeeded.add(requestIdOf(before));
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        long upstreamBefore = cloud.count("PATCH", STATE);

        proxy.cut();

        long asked = System.nanoTime();
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).as("not ready without its database").isEqualTo(503);
        assertThat(get("/actuator/health/liveness").statusCode()).as("but alive").isEqualTo(200);

        HttpResponse<String> refused = stopThePipe();
        assertThat(System.nanoTime() - asked).as("answered in time").isLessThan(Duration.ofSeconds(20).toNanos());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.body()).contains("database").doesNotContain("Exception").doesNotContain("at dev.");
        HttpResponse<String> page = get("/login");
        assertThat(page.statusCode()).isIn(200, 503);
        assertThat(page.body()).doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(cloud.count("PATCH", STATE)).as("nothing sent that could not be audited")
                .isEqualTo(upstreamBefore);

        proxy.restore();
        long restored = System.nanoTime();
        int readyStatus = 0;
        while (System.nanoTime() - restored < Duration.ofSeconds(15).toNanos()) {
            readyStatus = get("/actuator/health/readiness").statusCode();
            if (readyStatus == 200) {
                break;
            }
            Thread.sleep(200);
        }
        Duration recovery = Duration.ofNanos(System.nanoTime() - restored);
        assertThat(readyStatus).isEqualTo(200);
        assertThat(recovery).as("ready again within 10 s of the connection returning")
                .isLessThan(Duration.ofSeconds(10));

        HttpResponse<String> after = stopThePipe();
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        succeeded.add(requestIdOf(after));

        List<String> audited = jdbc.queryForList("select upstream_request_id from audit_record"
                + " where action = 'pipe.state.stop' and outcome = 'success'", String.class);
        assertThat(audited).as("every change that reported success is in the audit log")
                .containsAll(succeeded);
    }

    private HttpResponse<String> stopThePipe() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1" + STATE))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"command\":\"stop\"}"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String requestIdOf(HttpResponse<String> response) {
        Matcher id = Pattern.compile("\"requestId\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        assertThat(id.find()).as(response.body()).isTrue();
        return id.group(1);
    }
}
