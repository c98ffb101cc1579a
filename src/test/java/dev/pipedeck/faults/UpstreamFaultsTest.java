package dev.pipedeck.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.ApiTokenService;
import dev.pipedeck.users.NewApiToken;
import dev.pipedeck.users.Role;
import mockwebserver3.MockResponse;

/**
 * ClickHouse Cloud misbehaving in every way it can, against every surface that asks it something: each page, HTMX
 * fragment, change and {@code /api/v1} call answers within the response timeout (2 s here) plus a small margin, with
 * the API's message and requestId when it gave them and a plain sentence when it did not, never a stack trace nor the
 * upstream's HTML as markup. Each change is sent once (a create never twice), and its audit record says how it
 * ended: the upstream error with status and requestId, or "outcome unknown" when no answer came.
 *
 * <p>Reads meet the fault on every call; a change meets it on the change itself (its page's reads work), and, for
 * {@link Fault#HANG_EVERYWHERE}, on every call around it too. An idle service still answers for itself: only its
 * ClickPipes calls answer 424. A refused connection is a closed port stored as the organization's base URL. The
 * 429 asks for 30 s, more than Pipedeck waits (1 s here), so it reaches the person. The table printed at the end is
 * the matrix with each cell's wall time.
 */
@SpringBootTest(properties = {
        "pipedeck.cloud.response-timeout=2s",
        "pipedeck.cloud.connect-timeout=1s",
        "pipedeck.cloud.retry-backoff=10ms",
        "pipedeck.cloud.max-attempts=3",
        "pipedeck.cloud.max-rate-limit-wait=1s",
        "pipedeck.cloud.read-cache-ttl=0s" })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpstreamFaultsTest {

    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);
    /** Rendering, audit writes and the healthy reads around a change, on a shared 2-core machine. */
    static final Duration MARGIN = Duration.ofMillis(1500);

    static final String ORG = "fa017000-0000-4000-8000-000000000001";
    static final String SERVICE = "fa017000-0000-4000-8000-000000000002";
    static final String PIPE = "fa017000-0000-4000-8000-000000000003";
    static final String SEEN = "2026-11-20T10:00:00Z";

    static final String SERVICE_PATH = "/organizations/" + ORG + "/services/" + SERVICE;
    static final String PIPES_PATH = SERVICE_PATH + "/clickpipes";
    static final String PIPE_PATH = PIPES_PATH + "/" + PIPE;
    static final String PAGE = SERVICE_PATH + "/pipes/" + PIPE;

    static final String BURST_ERROR = "SERVICE_UNAVAILABLE: ClickPipes is briefly unavailable, retry later";
    static final int MAX_ATTEMPTS = 3;
    /** Shorter than the client's tries: what can be repeated recovers. */
    static final int BURST_LENGTH = MAX_ATTEMPTS - 1;
    static final String RATE_ERROR = "TOO_MANY_REQUESTS: Rate limit exceeded for this API key";
    static final String IDLE_ERROR = "FAILED_DEPENDENCY: Service " + SERVICE
            + " is not in a running state. Current state: idle";
    static final String PROXY_PAGE = "<html><head><title>502 Bad Gateway</title></head><body>"
            + "<h1 id=\"proxy-marker\">502 Bad Gateway</h1><script>alert('from the proxy')</script>"
            + "<hr><center>nginx/1.25.3</center></body></html>";
    static final String MALFORMED = "{\"status\":200,\"requestId\":\"" + UUID.randomUUID() + "\",\"result\":{\"id\":\""
            + PIPE + "\",\"name\":\"orders fr";

    /** What no answer to a person may contain: stack traces, class names, the proxy page's markup. */
    static final List<String> NEVER_SHOWN = List.of("Exception", "\tat ", "java.", "tools.jackson", "reactor.",
            "dev.pipedeck.", "<script>alert", "proxy-marker", "<center>");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccountService accounts;

    @Autowired
    ApiTokenService tokens;

    FakeCloud cloud;
    String apiToken;
    String connectedBaseUrl;

    /** The fault in force, and which calls meet it; null when ClickHouse Cloud behaves. */
    volatile Fault fault;
    volatile boolean faultEverywhere;
    volatile String faultedCall;
    final Map<String, AtomicInteger> callsPerRoute = new ConcurrentHashMap<>();

    static final Map<String, String> MATRIX = new ConcurrentHashMap<>();

    // ---- the faults ----

    enum Fault {
        BURST_OF_5XX("503 ×" + BURST_LENGTH + " then recovery", 503),
        RATE_LIMITED("429, X-RateLimit-Reset: 30", 429),
        HANG("no answer (headers held 6 s)", 504),
        HANG_EVERYWHERE("every call hangs", 504),
        CONNECTION_REFUSED("connection refused", 502),
        SERVICE_IDLE("424 service idle", 424),
        MALFORMED_JSON("200 with malformed JSON", 502),
        PROXY_ERROR_PAGE("502 text/html from a proxy", 502);

        final String label;
        /** The status {@code /api/v1} answers when the fault reaches the caller. */
        final int apiStatus;

        Fault(String label, int apiStatus) {
            this.label = label;
            this.apiStatus = apiStatus;
        }

        MockResponse answer(int nthCallOfRoute, MockResponse healthy) {
            return switch (this) {
                case BURST_OF_5XX -> nthCallOfRoute <= BURST_LENGTH ? FakeCloud.error(503, BURST_ERROR) : healthy;
                case RATE_LIMITED -> FakeCloud.error(429, RATE_ERROR).newBuilder()
                        .setHeader("X-RateLimit-Reset", "30").build();
                case HANG, HANG_EVERYWHERE -> healthy.newBuilder().headersDelay(6, TimeUnit.SECONDS).build();
                case SERVICE_IDLE -> FakeCloud.error(424, IDLE_ERROR);
                case MALFORMED_JSON -> FakeCloud.json(200, MALFORMED);
                case PROXY_ERROR_PAGE -> new MockResponse.Builder().code(502)
                        .setHeader("Content-Type", "text/html; charset=utf-8").body(PROXY_PAGE).build();
                case CONNECTION_REFUSED -> throw new IllegalStateException("a refused connection gets no answer");
            };
        }

        /**
         * What the person (or script) must be told on {@code surface}. Scripts read how long to wait from
         * {@code Retry-After}; the pipes list shows an idle service with a notice of its own (and the requestId).
         */
        List<String> told(Surface surface) {
            return switch (this) {
                case BURST_OF_5XX -> List.of("ClickPipes is briefly unavailable, retry later",
                        FakeCloud.requestIdFor(BURST_ERROR));
                case RATE_LIMITED -> surface.answer() == Answer.API
                        ? List.of("Rate limit exceeded for this API key", FakeCloud.requestIdFor(RATE_ERROR))
                        : List.of("Rate limit exceeded for this API key", "asks to wait 30 s",
                                FakeCloud.requestIdFor(RATE_ERROR));
                case HANG, HANG_EVERYWHERE -> List.of("did not answer within 2 s");
                case CONNECTION_REFUSED -> List.of("could not be reached");
                case SERVICE_IDLE -> surface.name().startsWith("pipes list")
                        ? List.of("This service is idle", FakeCloud.requestIdFor(IDLE_ERROR))
                        : List.of("idle", "is not in a running state", FakeCloud.requestIdFor(IDLE_ERROR));
                case MALFORMED_JSON -> List.of("not the API's JSON");
                case PROXY_ERROR_PAGE -> List.of("not the API's JSON", "502 Bad Gateway");
            };
        }

        /** Whether ClickHouse Cloud answered with a 5xx, which a call safe to repeat repeats. */
        boolean transientStatus() {
            return this == BURST_OF_5XX || this == PROXY_ERROR_PAGE;
        }

        String requestId() {
            return switch (this) {
                case BURST_OF_5XX -> FakeCloud.requestIdFor(BURST_ERROR);
                case RATE_LIMITED -> FakeCloud.requestIdFor(RATE_ERROR);
                case SERVICE_IDLE -> FakeCloud.requestIdFor(IDLE_ERROR);
                default -> null;
            };
        }

        /** The HTTP status the audit result records: what ClickHouse Cloud answered, none when nothing came. */
        Integer auditedStatus() {
            return switch (this) {
                case BURST_OF_5XX -> 503;
                case RATE_LIMITED -> 429;
                case SERVICE_IDLE -> 424;
                case MALFORMED_JSON -> 200;
                case PROXY_ERROR_PAGE -> 502;
                default -> null;
            };
        }

        boolean noAnswer() {
            return this == HANG || this == HANG_EVERYWHERE;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    // ---- the surfaces ----

    enum Answer { PAGE, FRAGMENT, API }

    @FunctionalInterface
    interface Request {
        MockHttpServletRequestBuilder build(UpstreamFaultsTest test) throws Exception;
    }

    /**
     * One thing a person or script does. A change names the upstream call it makes ({@code method} {@code path}
     * under /v1) and the audit action it records.
     */
    record Surface(String name, Answer answer, Request request, String healthy, String method, String path,
            String action) {

        boolean isChange() {
            return method != null;
        }

        /** GETs and the PUT of settings may be repeated after a 5xx; nothing else is. */
        boolean retriedAfter5xx() {
            return method == null || method.equals("PUT");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Surface read(String name, Answer answer, Request request, String healthy) {
        return new Surface(name, answer, request, healthy, null, null, null);
    }

    static Surface change(String name, Answer answer, Request request, String method, String path, String action) {
        return new Surface(name, answer, request, null, method, path, action);
    }

    static List<Surface> surfaces() {
        return List.of(
                read("dashboard /", Answer.PAGE, t -> get("/").with(viewer()), "analytics"),
                read("service tile (HTMX)", Answer.FRAGMENT,
                        t -> get(SERVICE_PATH + "/tile").header("HX-Request", "true").with(viewer()), "analytics"),
                read("pipes list", Answer.PAGE, t -> get(SERVICE_PATH + "/pipes").with(viewer()), "orders from kafka"),
                read("pipes list results (HTMX)", Answer.FRAGMENT,
                        t -> get(SERVICE_PATH + "/pipes").header("HX-Request", "true").with(viewer()),
                        "orders from kafka"),
                read("pipe row (HTMX)", Answer.FRAGMENT, t -> get(PAGE + "/row").with(viewer()), "orders from kafka"),
                read("pipe page", Answer.PAGE, t -> get(PAGE).with(viewer()), "orders from kafka"),
                read("pipe state (HTMX)", Answer.FRAGMENT, t -> get(PAGE + "/state").with(viewer()), "Running"),
                change("stop (POST, HTMX)", Answer.FRAGMENT,
                        t -> post(PAGE + "/state").with(csrf()).with(operator()).header("HX-Request", "true")
                                .param("command", "stop").param("seenUpdatedAt", SEEN),
                        "PATCH", PIPE_PATH + "/state", "pipe.state.stop"),
                change("scaling apply (POST, HTMX)", Answer.FRAGMENT,
                        t -> post(PAGE + "/scaling").with(csrf()).with(operator()).header("HX-Request", "true")
                                .param("replicas", "2").param("replicaCpuMillicores", "500")
                                .param("replicaMemoryGb", "2.0").param("seenUpdatedAt", SEEN),
                        "PATCH", PIPE_PATH + "/scaling", "pipe.scaling.update"),
                read("settings page", Answer.PAGE, t -> get(PAGE + "/settings").with(viewer()),
                        "Streaming max insert wait"),
                change("settings save (POST)", Answer.PAGE,
                        t -> post(PAGE + "/settings").with(csrf()).with(operator())
                                .param("streaming_max_insert_wait_ms", "10000")
                                .param("seen.streaming_max_insert_wait_ms", "5000").param("seenUpdatedAt", SEEN),
                        "PUT", PIPE_PATH + "/settings", "pipe.settings.update"),
                change("wizard create (POST)", Answer.PAGE, t -> post(t.wizardDraft() + "/create").with(csrf())
                        .with(operator()), "POST", PIPES_PATH, "pipe.create"),
                read("API GET pipe", Answer.API,
                        t -> get("/api/v1" + PIPE_PATH).header("Authorization", t.apiToken), "\"result\""),
                change("API PATCH state", Answer.API,
                        t -> request(HttpMethod.PATCH, "/api/v1" + PIPE_PATH + "/state")
                                .header("Authorization", t.apiToken).contentType(MediaType.APPLICATION_JSON)
                                .content("{\"command\":\"stop\"}"),
                        "PATCH", PIPE_PATH + "/state", "pipe.state.stop"),
                change("API POST create", Answer.API,
                        t -> request(HttpMethod.POST, "/api/v1" + PIPES_PATH).header("Authorization", t.apiToken)
                                .contentType(MediaType.APPLICATION_JSON).content(SCRIPTED_CREATE),
                        "POST", PIPES_PATH, "pipe.create"));
    }

    static final String SCRIPTED_CREATE = """
            {"name":"scripted","source":{"kafka":{"type":"confluent","format":"JSONEachRow",
             "brokers":"broker-1:9092","topics":"orders","authentication":"PLAIN",
             "credentials":{"username":"ingest","password":"scripted-secret"}}},
             "destination":{"database":"events","table":"orders","managedTable":true,
             "columns":[{"name":"order_id","type":"UInt64"}]}}""";

    Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Fault fault : Fault.values()) {
            for (Surface surface : surfaces()) {
                if (fault == Fault.HANG_EVERYWHERE && !surface.isChange()) {
                    continue; // for a read, HANG already hangs every call
                }
                cases.add(Arguments.of(fault, surface));
            }
        }
        return cases.stream();
    }

    // ---- set-up ----

    @BeforeAll
    void connectTheOrganization() throws Exception {
        cloud = new FakeCloud();
        route("GET", "/organizations/" + ORG + "/services", "[" + service() + "]");
        route("GET", SERVICE_PATH, service());
        route("GET", PIPES_PATH, "[" + kafkaPipe("Running", SEEN) + "]");
        route("GET", PIPE_PATH, kafkaPipe("Running", SEEN));
        route("GET", PIPE_PATH + "/settings", "{\"streaming_max_insert_wait_ms\":5000}");
        route("GET", SERVICE_PATH + "/clickpipesReversePrivateEndpoints", "[]");
        route("PATCH", PIPE_PATH + "/state", kafkaPipe("Stopping", "2026-11-20T10:05:00Z"));
        route("PATCH", PIPE_PATH + "/scaling", kafkaPipe("Running", "2026-11-20T10:05:00Z"));
        route("PUT", PIPE_PATH + "/settings", "{\"streaming_max_insert_wait_ms\":10000}");
        route("POST", PIPES_PATH, "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"created\",\"state\":\"Provisioning\"}");
        cloud.connectOrganization(mvc, ORG, "Faulty org");
        connectedBaseUrl = jdbc.queryForObject("select base_url from org_connection where organization_id = ?",
                String.class, ORG);
        TestAccounts.create(accounts, "scripted", Role.OPERATOR);
        NewApiToken token = TestAccounts.as("scripted", Role.OPERATOR,
                () -> tokens.create("scripted", "fault script", Role.OPERATOR, null));
        apiToken = "Basic " + Base64.getEncoder().encodeToString((token.token().getTokenId() + ":" + token.secret())
                .getBytes(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void clickHouseCloudBehaves() {
        fault = null;
        callsPerRoute.clear();
        jdbc.update("update org_connection set base_url = ? where organization_id = ?", connectedBaseUrl, ORG);
    }

    @AfterAll
    void report() {
        cloud.close();
        StringBuilder table = new StringBuilder("\nUpstream faults × surfaces: wall time, ✓ told what happened, "
                + "↻ recovered by repeating, ✗ failed (timeout 2 s)\n");
        table.append(String.format("%-28s", ""));
        for (Fault f : Fault.values()) {
            table.append(String.format(" %-8s", f.name().length() > 8 ? f.name().substring(0, 8) : f.name()));
        }
        table.append('\n');
        for (Surface s : surfaces()) {
            table.append(String.format("%-28s", s.name()));
            for (Fault f : Fault.values()) {
                table.append(String.format(" %-8s", MATRIX.getOrDefault(f.name() + "|" + s.name(), "-")));
            }
            table.append('\n');
        }
        System.out.println(table);
    }

    /** Answers {@code method path} with {@code result}, unless a fault is in force for this call. */
    private void route(String method, String path, String result) {
        String key = method + " " + path;
        cloud.on(method, path, call -> {
            int nth = callsPerRoute.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            Fault current = fault;
            MockResponse healthy = FakeCloud.envelope(result);
            if (current == null || !(faultEverywhere || key.equals(faultedCall))
                    || current == Fault.SERVICE_IDLE && !path.contains("/clickpipes")) {
                return healthy; // an idle service still answers for itself; its ClickPipes calls fail
            }
            return current.answer(nth, healthy);
        });
    }

    // ---- the matrix ----

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("matrix")
    void everySurfaceAnswersInTimeAndSaysWhatHappened(Fault injected, Surface surface) throws Exception {
        String cell = injected.name() + "|" + surface.name();
        MATRIX.put(cell, "FAIL");
        MockHttpServletRequestBuilder request = surface.request().build(this);
        long auditMark = jdbc.queryForObject("select coalesce(max(id), 0) from audit_record", Long.class);
        int receivedMark = cloud.received().size();

        inject(injected, surface);
        long started = System.nanoTime();
        MvcResult result;
        try {
            result = mvc.perform(request).andReturn();
        } catch (Exception escaped) {
            fail("an exception escaped to the servlet container: " + escaped, escaped);
            return;
        } finally {
            fault = null;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        MockHttpServletResponse response = result.getResponse();
        String seconds = String.format("%.1fs", took.toMillis() / 1000.0);
        MATRIX.put(cell, seconds + "✗");

        String raw = response.getContentAsString();
        String text = HtmlUtils.htmlUnescape(raw);
        assertThat(took).as("answered within the response timeout plus %s", MARGIN)
                .isLessThan(RESPONSE_TIMEOUT.plus(MARGIN));
        for (String never : NEVER_SHOWN) {
            assertThat(raw).as("no stack trace, class name or upstream markup").doesNotContain(never);
        }

        boolean recovers = injected == Fault.BURST_OF_5XX && surface.retriedAfter5xx();
        if (recovers) {
            assertRecovered(surface, response, text);
        } else {
            assertToldWhatHappened(injected, surface, result, text);
        }
        if (surface.isChange()) {
            assertSentOnceAndAudited(injected, surface, recovers, receivedMark, auditMark);
        }
        MATRIX.put(cell, seconds + (recovers ? "↻" : "✓"));
    }

    private void inject(Fault injected, Surface surface) {
        faultEverywhere = !surface.isChange() || injected == Fault.HANG_EVERYWHERE;
        faultedCall = surface.isChange() ? surface.method() + " " + surface.path() : null;
        if (injected == Fault.CONNECTION_REFUSED) {
            jdbc.update("update org_connection set base_url = ? where organization_id = ?", closedPort(), ORG);
        } else {
            fault = injected;
        }
    }

    private static void assertRecovered(Surface surface, MockHttpServletResponse response, String text) {
        if (surface.isChange()) {
            assertThat(response.getStatus()).as("the change went through after the burst").isEqualTo(302);
            return;
        }
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(text).as("the repeated read shows the data").contains(surface.healthy())
                .doesNotContain("briefly unavailable");
    }

    private static void assertToldWhatHappened(Fault injected, Surface surface, MvcResult result, String text) {
        MockHttpServletResponse response = result.getResponse();
        if (surface.answer() == Answer.API) {
            assertThat(response.getStatus()).as(text).isEqualTo(injected.apiStatus);
            assertThat(response.getContentType()).as("the API's envelope, never the upstream's page")
                    .startsWith(MediaType.APPLICATION_JSON_VALUE);
            assertThat(text).contains("\"status\":" + injected.apiStatus, "\"requestId\":\"", "\"error\":\"");
            if (injected == Fault.RATE_LIMITED) {
                assertThat(response.getHeader("Retry-After")).as("how long to wait, for scripts").isEqualTo("30");
            }
        } else {
            assertThat(response.getStatus()).as("pages and fragments answer 200 with the problem in them")
                    .isEqualTo(200);
        }
        assertThat(text).as("says what ClickHouse Cloud did").contains(injected.told(surface));
    }

    private void assertSentOnceAndAudited(Fault injected, Surface surface, boolean recovers, int receivedMark,
            long auditMark) {
        List<FakeCloud.Received> sent = cloud.received().subList(receivedMark, cloud.received().size()).stream()
                .filter(r -> r.method().equals(surface.method()) && r.path().equals("/v1" + surface.path()))
                .toList();
        List<Map<String, Object>> records = jdbc.queryForList("select id, outcome, http_status, error_text, "
                + "upstream_request_id, attempt_id from audit_record where id > ? and action = ? order by id",
                auditMark, surface.action());
        List<Map<String, Object>> attempts = records.stream().filter(r -> "attempt".equals(r.get("outcome"))).toList();
        List<Map<String, Object>> results = records.stream().filter(r -> r.get("attempt_id") != null).toList();

        if (recovers) {
            assertThat(sent).as("the idempotent PUT repeated after the burst").hasSize(BURST_LENGTH + 1);
            assertThat(results).singleElement().satisfies(r -> assertThat(r.get("outcome")).isEqualTo("success"));
            return;
        }
        if (injected == Fault.CONNECTION_REFUSED) {
            assertThat(sent).as("nothing reached ClickHouse Cloud").isEmpty();
        } else if (injected == Fault.HANG_EVERYWHERE) {
            assertThat(sent).as("sent at most once; not at all once a read before it got no answer").hasSizeLessThan(2);
        } else if (surface.retriedAfter5xx() && injected.transientStatus()) {
            assertThat(sent).as("the idempotent PUT tried as often as the client allows").hasSize(MAX_ATTEMPTS);
        } else {
            assertThat(sent).as("the change was sent exactly once").hasSize(1);
        }
        if (sent.isEmpty() && attempts.isEmpty()) {
            assertThat(records).as("nothing attempted, nothing claimed").isEmpty();
            return;
        }
        assertThat(attempts).as("the attempt was recorded before the call").hasSize(1);
        if (injected.noAnswer() && sent.isEmpty()) {
            assertThat(results).as("not sent: the result says so").singleElement().satisfies(result -> {
                assertThat(result.get("outcome")).isEqualTo("upstream_error");
                assertThat(String.valueOf(result.get("error_text"))).contains("did not send this change");
            });
            return;
        }
        if (injected.noAnswer()) {
            assertThat(results).as("no answer: the outcome is unknown, not a failure").isEmpty();
            assertThat(jdbc.queryForObject("select count(*) from audit_pending_attempt where attempt_id = ?",
                    Integer.class, attempts.get(0).get("id"))).isEqualTo(1);
            return;
        }
        assertThat(results).as("a result follows the attempt").singleElement().satisfies(result -> {
            assertThat(result.get("outcome")).isEqualTo("upstream_error");
            assertThat(result.get("attempt_id")).isEqualTo(attempts.get(0).get("id"));
            assertThat(result.get("http_status")).isEqualTo(injected.auditedStatus());
            assertThat(result.get("upstream_request_id")).isEqualTo(injected.requestId());
            assertThat(String.valueOf(result.get("error_text"))).isNotBlank().doesNotContain("Exception");
        });
    }

    // ---- helpers ----

    /** A fresh Kafka wizard draft walked to its review step (while ClickHouse Cloud behaves): its base path. */
    String wizardDraft() throws Exception {
        String stepOne = mvc.perform(post(SERVICE_PATH + "/pipes/new").with(csrf()).with(operator())
                .param("kind", "kafka").param("type", "confluent")).andReturn().getResponse().getRedirectedUrl();
        assertThat(stepOne).as("the wizard started").isNotNull();
        String base = stepOne.substring(0, stepOne.lastIndexOf("/step/"));
        Map<String, String> connection = new LinkedHashMap<>();
        connection.put("name", "faulty " + UUID.randomUUID());
        connection.put("brokers", "broker-1.example.com:9092");
        connection.put("authentication", "PLAIN");
        connection.put("credentials.username", "clickpipes");
        connection.put("secret:credentials.password", "wizard-secret-" + UUID.randomUUID());
        step(base, 1, connection);
        step(base, 2, Map.of("topics", "orders", "format", "JSONEachRow", "offset.strategy", "from_beginning"));
        step(base, 3, Map.of("destination.database", "default", "destination.table", "faulty",
                "destination.managedTable", "true", "destination.engine", "MergeTree",
                "columns.0.name", "id", "columns.0.type", "String"));
        step(base, 4, Map.of());
        return base;
    }

    private void step(String base, int step, Map<String, String> fields) throws Exception {
        MockHttpServletRequestBuilder request = post(base + "/step/" + step).with(csrf()).with(operator())
                .param("_action", "next");
        fields.forEach(request::param);
        String next = mvc.perform(request).andReturn().getResponse().getRedirectedUrl();
        assertThat(next).as("step %d of the wizard accepted", step).endsWith("/step/" + (step + 1));
    }

    private String closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor viewer() {
        return user("vera").roles("VIEWER");
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor operator() {
        return user("otto").roles("OPERATOR");
    }

    private static String service() {
        return "{\"id\":\"" + SERVICE + "\",\"name\":\"analytics\",\"state\":\"running\",\"provider\":\"aws\","
                + "\"region\":\"eu-west-1\"}";
    }

    static String kafkaPipe(String state, String updatedAt) {
        return """
                {"id":"%s","serviceId":"%s","name":"orders from kafka","state":"%s",
                 "scaling":{"replicas":1,"replicaCpuMillicores":500,"replicaMemoryGb":2.0},
                 "source":{"kafka":{"type":"confluent","format":"JSONEachRow","brokers":"broker-1:9092",
                   "topics":"orders","authentication":"PLAIN",
                   "credentials":{"username":"ingest","password":"hunter2-secret"}}},
                 "destination":{"database":"events","table":"orders","managedTable":true,
                   "columns":[{"name":"order_id","type":"UInt64"},{"name":"amount","type":"Float64"}]},
                 "fieldMappings":[{"sourceField":"id","destinationField":"order_id"}],
                 "settings":{"streaming_max_insert_wait_ms":5000},
                 "createdAt":"2026-11-01T09:00:00Z","updatedAt":"%s"}
                """.formatted(PIPE, SERVICE, state, updatedAt);
    }
}
