package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.pipedeck.testsupport.FakeCloud;
import tools.jackson.databind.json.JsonMapper;

/**
 * The home dashboard against (a local stand-in for) ClickHouse Cloud: pipes counted by state, the ones needing
 * attention picked out, one failure hiding nothing else, idle services left alone, and "Wake service" for operators.
 *
 * <p>Its own application context (and so its own database): the dashboard shows every connection, and other test
 * classes leave connections behind that point at fake clouds already closed.
 */
@SpringBootTest(properties = "pipedeck.dashboard.paused-attention-after=24h")
@AutoConfigureMockMvc
class DashboardTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    FakeCloud cloud;
    String organizationId;

    @BeforeEach
    void connect() throws Exception {
        jdbc.update("delete from org_connection");
        cloud = new FakeCloud();
        organizationId = UUID.randomUUID().toString();
        connect("Acme prod", organizationId, cloud);
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void eachServiceShowsItsPipesByStateAndTheOnesNeedingAttention() throws Exception {
        Instant now = Instant.now();
        services(service("svc-a", "alpha", "running"));
        cloud.ok("GET", pipes("svc-a"), "[" + String.join(",",
                pipe("p-run-1", "events-stream", "Running", now.minus(Duration.ofDays(9))),
                pipe("p-run-2", "clicks-stream", "Running", now.minus(Duration.ofDays(2))),
                pipe("p-failed", "orders-cdc", "Failed", now.minus(Duration.ofHours(1))),
                pipe("p-degraded", "slow-kafka", "Degraded", now.minus(Duration.ofHours(3))),
                pipe("p-internal", "broken-s3", "InternalError", now.minus(Duration.ofMinutes(5))),
                pipe("p-paused-old", "legacy-mysql", "Paused", now.minus(Duration.ofDays(3))),
                pipe("p-paused-new", "fresh-pause", "Paused", now.minus(Duration.ofHours(1))),
                pipe("p-stopped", "kinesis-off", "Stopped", now.minus(Duration.ofDays(1))),
                pipe("p-snap", "new-postgres", "Snapshot", now.minus(Duration.ofMinutes(2)))) + "]");

        String home = home(viewer());

        assertThat(home).contains("alpha", "2 Running", "1 Failed", "1 Degraded", "1 InternalError", "2 Paused",
                "1 Stopped", "1 Snapshot", "All 9 pipes", "4 pipes need attention");
        assertThat(home).contains(pipeLink("svc-a", "p-failed"), pipeLink("svc-a", "p-degraded"),
                pipeLink("svc-a", "p-internal"), pipeLink("svc-a", "p-paused-old"), "Paused for 3 days");
        assertThat(home).as("paused for less than the threshold, running, stopped: nothing to look at")
                .doesNotContain(pipeLink("svc-a", "p-paused-new"), pipeLink("svc-a", "p-run-1"),
                        pipeLink("svc-a", "p-stopped"), pipeLink("svc-a", "p-snap"));
        assertThat(home).as("the tile links to the service's pipes")
                .contains("href=\"/organizations/" + organizationId + "/services/svc-a/pipes\"");
        assertThat(home).as("a pipe still settling keeps the tile current")
                .contains("hx-get=\"/organizations/" + organizationId + "/services/svc-a/tile\"");
    }

    @Test
    void oneFailingServiceShowsItsOwnErrorAndTheOthersStillShow() throws Exception {
        services(service("svc-a", "alpha", "running"), service("svc-b", "beta", "running"));
        cloud.ok("GET", pipes("svc-a"), "[" + pipe("p1", "events-stream", "Running", Instant.now()) + "]");
        String error = "FORBIDDEN: The API key lacks permission to read ClickPipes";
        cloud.fail("GET", pipes("svc-b"), 403, error);
        try (FakeCloud broken = new FakeCloud()) {
            String brokenOrg = UUID.randomUUID().toString();
            String orgError = "UNAUTHORIZED: The API key is not valid";
            broken.fail("GET", "/organizations/" + brokenOrg + "/services", 401, orgError);
            connect("Broken org", brokenOrg, broken);

            String home = home(viewer());

            assertThat(home).contains("alpha", "1 Running", "beta", "Pipes could not be listed.",
                    "The API key lacks permission to read ClickPipes", FakeCloud.requestIdFor(error), "HTTP 403");
            assertThat(home).contains("Broken org", "Services could not be listed:", "The API key is not valid",
                    FakeCloud.requestIdFor(orgError));
            assertThat(home).doesNotContain("Exception", "at dev.pipedeck");
        }
    }

    @Test
    void anIdleServiceIsShownIdleIsNotAskedForPipesAndOnlyOperatorsMayWakeIt() throws Exception {
        services(service("svc-a", "alpha", "running"), service("svc-z", "sleepy", "idle"));
        cloud.ok("GET", pipes("svc-a"), "[]");

        String asViewer = home(viewer());
        assertThat(asViewer).contains("sleepy", "Idle: ClickPipes calls fail until it wakes.", "No ClickPipes yet")
                .doesNotContain("Wake service");
        String asOperator = home(operator());
        assertThat(asOperator).contains("Wake service",
                "action=\"/organizations/" + organizationId + "/services/svc-z/wake\"");

        assertThat(cloud.count("GET", pipes("svc-z"))).as("an idle service is not asked for pipes").isZero();
        assertThat(cloud.count("GET", pipes("svc-a"))).isEqualTo(1);
        assertThat(asOperator).as("an idle tile is not polled")
                .doesNotContain("/services/svc-z/tile");
    }

    @Test
    void wakingSendsStartAndIsAudited() throws Exception {
        services(service("svc-z", "sleepy", "idle"));
        cloud.ok("GET", "/organizations/" + organizationId + "/services/svc-z", service("svc-z", "sleepy", "idle"));
        cloud.ok("PATCH", "/organizations/" + organizationId + "/services/svc-z/state",
                service("svc-z", "sleepy", "awaking"));

        var result = mvc.perform(post(wake("svc-z")).with(csrf()).with(operator())).andReturn();

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(result.getFlashMap().get("success"))
                .isEqualTo("Waking sleepy: ClickPipes calls work again once it is running.");
        FakeCloud.Received patch = cloud.received().stream().filter(r -> r.method().equals("PATCH")).findFirst()
                .orElseThrow();
        assertThat(patch.path()).isEqualTo("/v1/organizations/" + organizationId + "/services/svc-z/state");
        assertThat(JSON.readTree(patch.body())).isEqualTo(JSON.readTree("{\"command\":\"start\"}"));

        List<Map<String, Object>> audit = jdbc.queryForList("select actor, outcome, service_id, service_name, "
                + "request_summary, change_before, change_after from audit_record where action = 'service.wake' "
                + "and organization_id = ? order by id", organizationId);
        assertThat(audit).extracting(row -> row.get("outcome")).contains("attempt", "success");
        assertThat(audit.toString()).contains("svc-z", "sleepy", "operator", "start", "idle", "awaking");
    }

    @Test
    void aWakeRefusedUpstreamShowsTheMessageAndRequestIdAndIsAudited() throws Exception {
        services(service("svc-z", "sleepy", "idle"));
        String error = "CONFLICT: The service is being upgraded";
        cloud.fail("PATCH", "/organizations/" + organizationId + "/services/svc-z/state", 409, error);

        var result = mvc.perform(post(wake("svc-z")).with(csrf()).with(operator())).andReturn();

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(String.valueOf(result.getFlashMap().get("error"))).contains("Could not wake",
                "The service is being upgraded", FakeCloud.requestIdFor(error), "HTTP 409");
        assertThat(jdbc.queryForList("select outcome, http_status, upstream_request_id from audit_record "
                + "where action = 'service.wake' and organization_id = ?", organizationId).toString())
                .contains("upstream_error", "409", FakeCloud.requestIdFor(error));
    }

    @Test
    void withHtmxWakingAnswersTheRefreshedTileThatKeepsItselfCurrent() throws Exception {
        cloud.ok("GET", "/organizations/" + organizationId + "/services/svc-z", service("svc-z", "sleepy", "awaking"));
        cloud.ok("PATCH", "/organizations/" + organizationId + "/services/svc-z/state",
                service("svc-z", "sleepy", "awaking"));

        String tile = mvc.perform(post(wake("svc-z")).with(csrf()).with(operator()).header("HX-Request", "true"))
                .andReturn().getResponse().getContentAsString();

        assertThat(tile).startsWith("<article").doesNotContain("<html");
        assertThat(tile).contains("sleepy", "awaking", "Waking sleepy: ClickPipes calls work again",
                "Waking up: its pipes show once it is running.",
                "hx-get=\"/organizations/" + organizationId + "/services/svc-z/tile\"");
        assertThat(cloud.count("GET", pipes("svc-z"))).as("not asked while waking").isZero();
    }

    @Test
    void aViewerCannotWakeAServiceAndNothingIsSent() throws Exception {
        services(service("svc-z", "sleepy", "idle"));
        cloud.ok("PATCH", "/organizations/" + organizationId + "/services/svc-z/state",
                service("svc-z", "sleepy", "awaking"));

        assertThat(mvc.perform(post(wake("svc-z")).with(csrf()).with(viewer())).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        assertThat(cloud.count("PATCH", "/organizations/" + organizationId + "/services/svc-z/state")).isZero();
    }

    @Test
    void pipeListsAreAskedInParallelSoThePageTakesAboutOneDelayNotTheSum() throws Exception {
        home(viewer()); // templates compiled, security warmed: the timing below is the calls
        long delayMs = 300;
        services(service("svc-1", "one", "running"), service("svc-2", "two", "running"),
                service("svc-3", "three", "running"), service("svc-4", "four", "running"));
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        for (String id : List.of("svc-1", "svc-2", "svc-3", "svc-4")) {
            cloud.on("GET", pipes(id), call -> {
                arrivals.add(System.nanoTime());
                return FakeCloud.envelope("[" + pipe(id + "-p", id + "-pipe", "Running", Instant.now()) + "]")
                        .newBuilder().headersDelay(delayMs, TimeUnit.MILLISECONDS).build();
            });
        }

        long started = System.nanoTime();
        String home = home(viewer());
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(home).contains("one", "two", "three", "four");
        assertThat(arrivals).hasSize(4);
        long spreadMs = (arrivals.stream().mapToLong(Long::longValue).max().orElseThrow()
                - arrivals.stream().mapToLong(Long::longValue).min().orElseThrow()) / 1_000_000;
        assertThat(spreadMs).as("all four pipe lists were asked before the first answered").isLessThan(delayMs);
        assertThat(tookMs).as("four 300 ms pipe lists in parallel, not 1200 ms in a row").isLessThan(900);
    }

    // ---- helpers ----

    private void connect(String displayName, String orgId, FakeCloud upstream) throws Exception {
        upstream.connectOrganization(mvc, orgId, displayName);
    }

    private String home(RequestPostProcessor who) throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/").with(who)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString();
    }

    private void services(String... services) {
        cloud.ok("GET", "/organizations/" + organizationId + "/services", "[" + String.join(",", services) + "]");
    }

    private String pipes(String serviceId) {
        return "/organizations/" + organizationId + "/services/" + serviceId + "/clickpipes";
    }

    private String pipeLink(String serviceId, String pipeId) {
        return "href=\"/organizations/" + organizationId + "/services/" + serviceId + "/pipes/" + pipeId + "\"";
    }

    private String wake(String serviceId) {
        return "/organizations/" + organizationId + "/services/" + serviceId + "/wake";
    }

    private static String service(String id, String name, String state) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"provider\":\"aws\",\"region\":\"us-east-1\","
                + "\"state\":\"" + state + "\"}";
    }

    private static String pipe(String id, String name, String state, Instant updatedAt) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"state\":\"" + state + "\",\"updatedAt\":\""
                + updatedAt + "\"}";
    }

    private static RequestPostProcessor viewer() {
        return user("viewer").roles("VIEWER");
    }

    private static RequestPostProcessor operator() {
        return user("operator").roles("OPERATOR");
    }
}
