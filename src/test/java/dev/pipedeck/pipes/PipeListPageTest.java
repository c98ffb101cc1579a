package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.pipedeck.testsupport.FakeCloud;
import mockwebserver3.MockResponse;

/**
 * The pipes list of a service, as people use it: what each column says, finding a pipe among many (filters, sort,
 * pages, all in the URL), what to do when there is nothing to show, and rows in a changing state that keep
 * themselves current by polling Pipedeck, which asks ClickHouse Cloud once for everybody.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PipeListPageTest {

    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-00000000000a";

    @Autowired
    MockMvc mvc;

    FakeCloud cloud;
    String organizationId;
    String pipesPath;
    String base;

    @BeforeEach
    void connect() throws Exception {
        cloud = new FakeCloud();
        organizationId = UUID.randomUUID().toString();
        pipesPath = "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes";
        base = "/organizations/" + organizationId + "/services/" + SERVICE + "/pipes";
        cloud.connectOrganization(mvc, organizationId, "List org");
        cloud.ok("GET", "/organizations/" + organizationId + "/services/" + SERVICE,
                "{\"id\":\"" + SERVICE + "\",\"name\":\"analytics-prod\",\"state\":\"running\"}");
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    // ---- columns ----

    @Test
    void eachColumnSaysWhatAPersonScansFor() throws Exception {
        Instant fiveMinutesAgo = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        cloud.ok("GET", pipesPath, array(
                kafka("k1", "orders", "Running", "confluent", fiveMinutesAgo),
                objectStorage("o1", "access logs", "Completed", "s3"),
                objectStorage("o2", "r2 files", "Stopped", "cloudflarer2"),
                postgres("p1", "shop", "Failed", "supabase", 3),
                """
                {"id":"m1","name":"legacy","state":"Paused","source":{"mysql":{"type":"mariadb","tableMappings":
                  [{"sourceTable":"t"}]}},"destination":{"database":"legacy"}}""",
                """
                {"id":"q1","name":"clicks","state":"InternalError","source":{"kinesis":{"streamName":"c"}},
                 "destination":{"table":"clicks"}}""",
                """
                {"id":"x1","name":"future","state":"Hibernating","source":{"kafka":{"type":"newkafka"}},
                 "destination":{"database":"db","table":"t"}}""",
                kafka("odd id/1", "odd", "Running", "kafka", null)));

        String page = page(base, "VIEWER");

        assertThat(page).contains("Kafka · Confluent", "S3", "Cloudflare R2", "Postgres CDC · Supabase",
                "MySQL CDC · MariaDB", "Kinesis", "Kafka · newkafka");
        assertThat(page).contains("default.orders", "shop + 3 tables", "legacy + 1 table", "default.clicks", "db.t");
        assertThat(page).contains("2 replicas · 0.5 vCPU · 2 GB", "Service CDC capacity");
        assertThat(row(page, "k1")).contains("href=\"" + base + "/k1\"", ">orders</a>", "state-ok", ">Running<",
                "5 min ago", "datetime=\"" + fiveMinutesAgo + "\"",
                "title=\"" + fiveMinutesAgo.toString().replace("T", " ").replace("Z", "") + " UTC\"");
        assertThat(row(page, "p1")).contains("state-danger", ">Failed<");
        assertThat(row(page, "o2")).contains("state-warn", ">Stopped<");
        assertThat(row(page, "q1")).contains("state-danger", "Internal error");
        assertThat(row(page, "x1")).as("a state this version does not know").contains(">Unknown<");
        assertThat(row(page, "odd id/1")).as("ids are encoded in links").contains("href=\"" + base + "/odd%20id%2F1\"");
        assertThat(page).as("crumbs and tabs").contains("aria-label=\"Breadcrumb\"", "List org", "analytics-prod",
                "class=\"tabs\"", "CDC capacity", "aria-current=\"page\"");
    }

    @Test
    void everySourceTypeOfTheSpecHasAHumanLabel() {
        var spec = dev.pipedeck.testsupport.OpenApiSpec.loadOrSkip();
        for (var kind : List.of(PipeSource.Kind.KAFKA, PipeSource.Kind.OBJECT_STORAGE, PipeSource.Kind.POSTGRES,
                PipeSource.Kind.MYSQL)) {
            String schema = switch (kind) {
                case KAFKA -> "ClickPipeKafkaSource";
                case OBJECT_STORAGE -> "ClickPipeObjectStorageSource";
                case POSTGRES -> "ClickPipePostgresSource";
                default -> "ClickPipeMySQLSource";
            };
            assertThat(kind.knownTypes()).as(schema).containsExactlyInAnyOrderElementsOf(spec.enumOf(schema, "type"));
            for (String type : spec.enumOf(schema, "type")) {
                assertThat(new PipeSource(kind, type).label()).as(type).doesNotContain(type);
            }
        }
    }

    // ---- finding a pipe ----

    @Test
    void filtersByTextStateAndSourceKindAndTheFormKeepsThem() throws Exception {
        cloud.ok("GET", pipesPath, array(
                kafka("k1", "orders", "Running", "confluent", null),
                kafka("k2", "payments", "Failed", "msk", null),
                objectStorage("o1", "order files", "Failed", "s3"),
                postgres("p1", "shop", "Running", "postgres", 2)));

        String byText = page(base + "?q=ORDER", "VIEWER");
        assertThat(ids(byText)).containsExactly("o1", "k1");
        assertThat(byText).contains("value=\"ORDER\"", "matching pipes (4 in all)");

        assertThat(ids(page(base + "?q=shop", "VIEWER"))).as("destination and name").containsExactly("p1");
        assertThat(ids(page(base + "?q=cdc", "VIEWER"))).as("source label").containsExactly("p1");
        assertThat(ids(page(base + "?q=amazon", "VIEWER"))).as("source label").containsExactly("k2");

        String failed = page(base + "?state=Failed", "VIEWER");
        assertThat(ids(failed)).containsExactly("o1", "k2");
        assertThat(failed).contains("<option value=\"Failed\" selected=\"selected\">");

        String kafka = page(base + "?kind=kafka&state=failed", "VIEWER");
        assertThat(ids(kafka)).containsExactly("k2");
        assertThat(kafka).contains("<option value=\"kafka\" selected=\"selected\">Kafka</option>");
    }

    @Test
    void unknownFilterAndSortValuesAreIgnoredAndSaidSoNeverAnError() throws Exception {
        cloud.ok("GET", pipesPath, array(kafka("k1", "b", "Running", "kafka", null),
                kafka("k2", "a", "Running", "kafka", null)));

        MockHttpServletResponse response = mvc.perform(get(base + "?state=Sleeping&kind=ftp&sort=colour&dir=sideways"
                + "&page=minus").with(user("v").roles("VIEWER"))).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        String page = response.getContentAsString();
        assertThat(ids(page)).containsExactly("k2", "k1");
        assertThat(page).contains("There is no pipe state “Sleeping”", "There is no source kind “ftp”",
                "cannot be sorted by “colour”");
    }

    @Test
    void sortsByAnyColumnInTheUrlAndHeadersLinkToTheOtherDirection() throws Exception {
        Instant now = Instant.now();
        cloud.ok("GET", pipesPath, array(
                kafka("k1", "bravo", "Running", "kafka", now.minus(Duration.ofDays(3))),
                kafka("k2", "alpha", "Stopped", "kafka", now.minus(Duration.ofMinutes(2))),
                kafka("k3", "charlie", "Failed", "kafka", now.minus(Duration.ofHours(5)))));

        String byName = page(base, "VIEWER");
        assertThat(ids(byName)).containsExactly("k2", "k1", "k3");
        assertThat(byName).contains("aria-sort=\"ascending\"", "href=\"" + base + "?sort=name&amp;dir=desc\"");

        assertThat(ids(page(base + "?sort=name&dir=desc", "VIEWER"))).containsExactly("k3", "k1", "k2");
        String byUpdated = page(base + "?sort=updated", "VIEWER");
        assertThat(ids(byUpdated)).as("newest first").containsExactly("k2", "k3", "k1");
        assertThat(byUpdated).contains("aria-sort=\"descending\"", "href=\"" + base + "?sort=updated&amp;dir=asc\"");
        assertThat(ids(page(base + "?sort=state", "VIEWER"))).as("failing first").containsExactly("k3", "k2", "k1");
        assertThat(ids(page(base + "?sort=updated&q=a", "VIEWER"))).as("sorting keeps filters")
                .containsExactly("k2", "k3", "k1");
    }

    @Test
    void aThousandPipesComeInPagesWhoseLinksKeepFiltersAndSort() throws Exception {
        List<String> pipes = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            pipes.add(kafka(String.format("b%03d", i), String.format("bench-%03d", i), "Running", "kafka", null));
        }
        pipes.add(kafka("other", "unrelated", "Running", "kafka", null));
        cloud.ok("GET", pipesPath, array(pipes.toArray(String[]::new)));

        String first = page(base + "?q=bench&sort=name&dir=desc", "VIEWER");
        assertThat(ids(first)).hasSize(100).startsWith("b250").endsWith("b151");
        assertThat(first).contains("Showing <span>1–100</span>", "of <span>250</span>");
        assertThat(first).contains("href=\"" + base + "?q=bench&amp;sort=name&amp;dir=desc&amp;page=2\"", "Next →")
                .doesNotContain("← Previous");

        String last = page(base + "?q=bench&sort=name&dir=desc&page=3", "VIEWER");
        assertThat(ids(last)).hasSize(50).startsWith("b050").endsWith("b001");
        assertThat(last).contains("← Previous", "aria-current=\"page\">3<").doesNotContain("Next →");

        assertThat(ids(page(base + "?q=bench&page=99", "VIEWER"))).as("past the end: the last page")
                .startsWith("b201").hasSize(50);
        assertThat(ids(page(base, "VIEWER"))).hasSize(100);
    }

    @Test
    void htmxGetsOnlyTheResultsAndTheFormCarriesTheSort() throws Exception {
        cloud.ok("GET", pipesPath, array(kafka("k1", "orders", "Running", "kafka", null)));

        MockHttpServletResponse response = mvc.perform(get(base + "?sort=updated&dir=asc")
                .header("HX-Request", "true").with(user("v").roles("VIEWER"))).andReturn().getResponse();

        String fragment = response.getContentAsString();
        assertThat(fragment).startsWith("<section id=\"pipe-results\"").doesNotContain("<html", "<form");
        assertThat(fragment).contains("name=\"sort\" form=\"pipe-filters\" value=\"updated\"",
                "name=\"dir\" form=\"pipe-filters\" value=\"asc\"", "id=\"pipe-k1\"");
        assertThat(response.getHeader("Vary")).contains("HX-Request");

        String full = page(base + "?sort=updated&dir=asc", "VIEWER");
        assertThat(full).contains("<form id=\"pipe-filters\"", "method=\"get\"", "hx-push-url=\"true\"",
                "action=\"" + base + "\"");
    }

    // ---- nothing to show ----

    @Test
    void anEmptyServiceOffersOperatorsToCreateAPipe() throws Exception {
        cloud.ok("GET", pipesPath, "[]");

        String operator = page(base, "OPERATOR");
        assertThat(operator).contains("No ClickPipes in this service yet", "href=\"" + base + "/new\"",
                "Create a pipe").doesNotContain("id=\"pipe-filters\"");

        String viewer = page(base, "VIEWER");
        assertThat(viewer).contains("No ClickPipes in this service yet", "Ask an operator")
                .doesNotContain(base + "/new");
    }

    @Test
    void filtersThatMatchNothingOfferToClearThem() throws Exception {
        cloud.ok("GET", pipesPath, array(kafka("k1", "orders", "Running", "kafka", null)));

        String page = page(base + "?q=nothing-like-this&state=Running&sort=updated", "VIEWER");

        assertThat(page).contains("No pipe matches these filters", "Clear filters",
                "href=\"" + base + "?sort=updated\"").doesNotContain("No ClickPipes in this service yet");
        assertThat(ids(page)).isEmpty();
    }

    @Test
    void anIdleServiceIsSaidPlainlyWithWhereToWakeIt() throws Exception {
        cloud.fail("GET", pipesPath, 424, "FAILED_DEPENDENCY: Service is not running. Current state: idle");

        String page = page(base, "VIEWER");

        assertThat(page).contains("This service is idle", "Wake it from the dashboard", "href=\"/\"",
                FakeCloud.requestIdFor("FAILED_DEPENDENCY: Service is not running. Current state: idle"))
                .doesNotContain("The pipes could not be listed", "No ClickPipes in this service yet");
    }

    @Test
    void anUpstreamErrorShowsTheApiMessageAndRequestId() throws Exception {
        String error = "FORBIDDEN: This API key cannot read ClickPipes of this service";
        cloud.fail("GET", pipesPath, 403, error);

        MockHttpServletResponse response = mvc.perform(get(base).with(user("v").roles("VIEWER"))).andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("The pipes could not be listed.",
                "This API key cannot read ClickPipes of this service", "HTTP 403", FakeCloud.requestIdFor(error),
                "Try again").doesNotContain("Exception", "No ClickPipes in this service yet");
    }

    // ---- live rows ----

    @Test
    void onlyRowsInATransientStatePollAndTheRowEndpointAnswersTheRow() throws Exception {
        cloud.ok("GET", pipesPath, array(
                kafka("moving", "orders", "Provisioning", "kafka", null),
                postgres("resync", "shop", "Resync", "postgres", 1),
                kafka("settled", "payments", "Running", "kafka", null)));

        String page = page(base, "VIEWER");
        assertThat(row(page, "moving")).contains("hx-get=\"" + base + "/moving/row\"", "hx-trigger=\"every 2s\"",
                "hx-swap=\"outerHTML\"", "state-transient");
        assertThat(row(page, "resync")).contains("hx-trigger=\"every 2s\"");
        assertThat(row(page, "settled")).doesNotContain("hx-trigger", "hx-get").contains("state-ok");
        assertThat(page).contains("refresh themselves every 2 seconds");

        String moving = rowEndpoint("moving");
        assertThat(moving).startsWith("<tr id=\"pipe-moving\"").contains("hx-trigger=\"every 2s\"", ">orders</a>",
                "Provisioning").doesNotContain("<html", "<table");

        String settled = rowEndpoint("settled");
        assertThat(settled).startsWith("<tr id=\"pipe-settled\"").contains(">Running<")
                .doesNotContain("hx-trigger", "hx-get");

        assertThat(rowEndpoint("deleted-meanwhile")).contains("id=\"pipe-deleted-meanwhile\"",
                "no longer listed").doesNotContain("hx-trigger");
    }

    @Test
    void aPollingRowStopsWhenThePipeSettles() throws Exception {
        String[] state = {"Stopping"};
        cloud.on("GET", pipesPath, call -> FakeCloud.envelope(array(kafka("k1", "orders", state[0], "kafka", null))));
        assertThat(rowEndpoint("k1")).contains("hx-trigger=\"every 2s\"", "Stopping");

        state[0] = "Stopped";
        Thread.sleep(2100); // the read cache keeps an answer about 2 s
        assertThat(rowEndpoint("k1")).contains("Stopped").doesNotContain("hx-trigger");
    }

    @Test
    void aRowThatCannotBeReadStopsPollingAndSaysWhy() throws Exception {
        cloud.fail("GET", pipesPath, 424, "FAILED_DEPENDENCY: Current state: idle");

        assertThat(rowEndpoint("k1")).contains("id=\"pipe-k1\"", "This row could not be refreshed", "Reload the list")
                .doesNotContain("hx-trigger");
    }

    @Test
    void manyPollingRowsCostClickHouseCloudOneListCall() throws Exception {
        List<String> pipes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pipes.add(kafka("t" + i, "moving " + i, "Provisioning", "kafka", null));
        }
        cloud.on("GET", pipesPath, call -> {
            MockResponse answer = FakeCloud.envelope(array(pipes.toArray(String[]::new)));
            return answer.newBuilder().headersDelay(200, TimeUnit.MILLISECONDS).build();
        });
        int pollers = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(pollers);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < pollers; i++) {
                String pipeId = "t" + i;
                Callable<String> poll = () -> {
                    start.await();
                    return rowEndpoint(pipeId);
                };
                answers.add(threads.submit(poll));
            }
            start.countDown();
            for (int i = 0; i < pollers; i++) {
                assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).contains("id=\"pipe-t" + i + "\"",
                        "hx-trigger=\"every 2s\"");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(rowEndpoint("t0")).as("a poll within the cache period").contains("Provisioning");

        assertThat(cloud.count("GET", pipesPath)).as("one list call for %d pollers", pollers + 1).isEqualTo(1);
        assertThat(cloud.received()).as("no per-pipe reads").noneMatch(r -> r.path().contains("/clickpipes/"));
    }

    // ---- helpers ----

    private String page(String url, String role) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(url).with(user(role.toLowerCase()).roles(role)))
                .andReturn().getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        return response.getContentAsString();
    }

    private String rowEndpoint(String pipeId) throws Exception {
        MockHttpServletRequestBuilder request = get(base + "/" + pipeId + "/row").header("HX-Request", "true")
                .with(user("watcher").roles("VIEWER"));
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString().strip();
    }

    /** The ids of the rows shown, in order. */
    private static List<String> ids(String page) {
        List<String> ids = new ArrayList<>();
        Matcher row = Pattern.compile("<tr id=\"pipe-([^\"]+)\"").matcher(page);
        while (row.find()) {
            ids.add(row.group(1));
        }
        return ids;
    }

    /** The markup of one row. */
    private static String row(String page, String id) {
        int start = page.indexOf("<tr id=\"pipe-" + id + "\"");
        assertThat(start).as("row " + id).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private static String array(String... pipes) {
        return "[" + String.join(",", pipes) + "]";
    }

    private static String kafka(String id, String name, String state, String type, Instant updatedAt) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"state\":\"" + state + "\","
                + "\"source\":{\"kafka\":{\"type\":\"" + type + "\",\"topics\":\"t\"}},"
                + "\"destination\":{\"database\":\"default\",\"table\":\"" + name.replace(' ', '_') + "\"},"
                + "\"scaling\":{\"replicas\":2,\"replicaCpuMillicores\":500,\"replicaMemoryGb\":2.0}"
                + (updatedAt == null ? "" : ",\"updatedAt\":\"" + updatedAt + "\"") + "}";
    }

    private static String objectStorage(String id, String name, String state, String type) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"state\":\"" + state + "\","
                + "\"source\":{\"objectStorage\":{\"type\":\"" + type + "\",\"format\":\"CSV\"}},"
                + "\"destination\":{\"table\":\"" + name.replace(' ', '_') + "\"}}";
    }

    private static String postgres(String id, String database, String state, String type, int tables) {
        List<String> mappings = new ArrayList<>();
        for (int i = 0; i < tables; i++) {
            mappings.add("{\"sourceSchemaName\":\"public\",\"sourceTable\":\"t" + i + "\",\"targetTable\":\"t" + i
                    + "\"}");
        }
        return "{\"id\":\"" + id + "\",\"name\":\"" + database + " database\",\"state\":\"" + state + "\","
                + "\"source\":{\"postgres\":{\"type\":\"" + type + "\",\"host\":\"db\",\"database\":\"" + database
                + "\",\"tableMappings\":[" + String.join(",", mappings) + "]}},"
                + "\"destination\":{\"database\":\"" + database + "\"}}";
    }
}
