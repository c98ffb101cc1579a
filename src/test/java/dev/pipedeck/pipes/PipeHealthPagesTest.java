package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.pipedeck.health.ChartWindow;
import dev.pipedeck.health.HealthAssessment;
import dev.pipedeck.health.HealthProperties;
import dev.pipedeck.health.PipeHealthPanel;
import dev.pipedeck.health.PipeMetricStore;
import dev.pipedeck.health.PipeMetrics;
import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.MutableClock;

/**
 * Pipe health as the pages show it, from a stored history written through the metric store: the pipe page's health
 * section for each window (loaded after the page, or inline with {@code ?window=}), its empty state, the pipes list's
 * badges and sparklines (one request per page, one query, none while the list itself renders; a polling row keeps
 * its cell), and the dashboard tile's counts and stalled or erroring pipes. Statements are counted from the
 * JdbcTemplate's own debug log.
 */
@SpringBootTest(properties = {"pipedeck.cloud.read-cache-ttl=0s",
        "logging.level.org.springframework.jdbc.core.JdbcTemplate=DEBUG"})
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class PipeHealthPagesTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:30Z");
    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-0000000000c1";
    static final String HEALTHY = "9e8d7c6b-1111-4222-8333-0000000000c1";
    static final String STALLED = "9e8d7c6b-1111-4222-8333-0000000000c2";
    static final String ERRORING = "9e8d7c6b-1111-4222-8333-0000000000c3";
    static final String FAILED = "9e8d7c6b-1111-4222-8333-0000000000c4";
    static final String UNKNOWN = "9e8d7c6b-1111-4222-8333-0000000000c5";
    static final String WEEK = "9e8d7c6b-1111-4222-8333-0000000000c6";
    static final String ERRORING_NAME = "S3 logs <script>alert('x')</script>";
    static final double GIB = 1024d * 1024 * 1024;
    /** The y of a chart's top gridline (SvgChart's top margin). */
    static final int PLOT_TOP = 10;
    static final Pattern METRIC_QUERY = Pattern.compile("Executing prepared SQL statement \\[select[^\\]]*"
            + "from pipe_metric_point");

    @TestConfiguration(proxyBeanMethods = false)
    static class HealthClock {

        @Bean
        @Primary
        MutableClock healthPagesClock() {
            return new MutableClock(NOW);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    PipeMetricStore store;

    FakeCloud cloud;
    String organizationId;
    String servicePath;

    @BeforeEach
    void connectAndRecordAnHour() throws Exception {
        cloud = new FakeCloud();
        organizationId = UUID.randomUUID().toString();
        servicePath = "/organizations/" + organizationId + "/services/" + SERVICE;
        cloud.connectOrganization(mvc, organizationId, "Health org");
        cloud.ok("GET", "/organizations/" + organizationId + "/services",
                "[{\"id\":\"" + SERVICE + "\",\"name\":\"analytics\",\"state\":\"running\"}]");
        cloud.ok("GET", "/organizations/" + organizationId + "/services/" + SERVICE,
                "{\"id\":\"" + SERVICE + "\",\"name\":\"analytics\",\"state\":\"running\"}");
        cloud.ok("GET", "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes", "["
                + String.join(",", pipe(HEALTHY, "orders", "Running"), pipe(STALLED, "payments", "Running"),
                        pipe(ERRORING, "s3 logs", "Running"), pipe(FAILED, "broken", "Failed"),
                        pipe(UNKNOWN, "brand new", "Provisioning")) + "]");
        for (String id : List.of(HEALTHY, STALLED, ERRORING, FAILED, UNKNOWN, WEEK)) {
            cloud.ok("GET", "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes/" + id,
                    pipe(id, "pipe " + id, "Running"));
        }
        for (int minute = -60; minute <= 0; minute++) {
            Instant at = NOW.plus(Duration.ofMinutes(minute));
            int age = minute + 60;
            store.record(List.of(
                    metrics(HEALTHY, "orders", "Running", 600.0 * age, 0),
                    metrics(STALLED, "payments", "Running", 600.0 * Math.min(age, 40), 0),
                    metrics(ERRORING, ERRORING_NAME, "Running", 600.0 * age, minute >= -3 ? 2.0 * (minute + 4) : 0),
                    metrics(FAILED, "broken", "Failed", 100, 0)), at);
        }
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void thePipePageShowsItsBadgeAndLoadsItsChartsAfterwardsWithALinkForBrowsersWithoutJavaScript()
            throws Exception {
        String page = viewerGet(servicePath + "/pipes/" + STALLED);

        assertThat(page).contains("href=\"#pipe-health\"", ">Stalled<",
                "title=\"Running, but no events fetched for 10 minutes.\"");
        assertThat(page).as("the section is asked for once the page has loaded")
                .contains("hx-get=\"" + servicePath + "/pipes/" + STALLED + "/health?window=1h\"",
                        "hx-trigger=\"load\"",
                        "href=\"" + servicePath + "/pipes/" + STALLED + "?window=1h#pipe-health\"")
                .doesNotContain("<polyline");
    }

    @Test
    void eachWindowChartsTheRatesPerSecondWithCurrentValuesAndLinksToTheOthers() throws Exception {
        for (String window : List.of("1h", "24h", "7d")) {
            String section = viewerGet(servicePath + "/pipes/" + HEALTHY + "/health?window=" + window);

            assertThat(section).as(window).startsWith("<section id=\"pipe-health\"").doesNotContain("<html")
                    .contains(">Healthy<", "Running, no sign of trouble.", "Last seen", "2026-11-24 12:00 UTC");
            assertThat(section).as("%s: the chosen window is marked", window)
                    .containsPattern("aria-current=\"true\"[^>]*hx-get=\"[^\"]*/health\\?window=" + window + "\"");
            for (String other : List.of("1h", "24h", "7d")) {
                assertThat(section).contains("href=\"" + servicePath + "/pipes/" + HEALTHY + "?window=" + other
                        + "#pipe-health\"", "hx-push-url=\"" + servicePath + "/pipes/" + HEALTHY + "?window="
                        + other + "\"");
            }
            assertThat(section).contains("Events per second", "Bytes per second", "Errors per minute", "Latency",
                    "CPU", "Memory");
            assertThat(section).as("600 events a minute are 10 a second")
                    .contains("class=\"chart-current\">10 events/s<", "class=\"chart-current\">9.9 events/s<",
                            "class=\"chart-current\">1.95 KiB/s<", "class=\"chart-current\">0 errors/min<",
                            "class=\"chart-current\">120 ms<", "class=\"chart-current\">300 millicores<",
                            "class=\"chart-current\">1 core<", "class=\"chart-current\">512 MiB<",
                            "class=\"chart-current\">2 GiB<");
            assertThat(section).contains("role=\"img\"", "stroke-dasharray=\"6 4\"");
            assertThat(polylinePoints(section, "chart-events")).as(window).isNotEmpty();
        }
        String hour = viewerGet(servicePath + "/pipes/" + HEALTHY + "/health?window=1h");
        assertThat(hour).contains(">11:15<", ">11:30<", ">11:45<", ">12:00<");
        assertThat(polylinePoints(hour, "chart-events").get(0)).as("a rate for each minute of the hour").hasSize(60);
    }

    @Test
    void aWindowInTheAddressRendersTheChartsWithThePage() throws Exception {
        String page = viewerGet(servicePath + "/pipes/" + HEALTHY + "?window=24h");

        assertThat(page).contains("<section id=\"pipe-health\"", "class=\"chart-current\">10 events/s<",
                        "Over the last 24 hours, times in UTC.")
                .doesNotContain("hx-trigger=\"load\"");
        assertThat(page).containsPattern("aria-current=\"true\"[^>]*hx-get=\"[^\"]*/health\\?window=24h\"");
    }

    @Test
    void aWeekOfDownsampledPointsChartsAtTheRightRateWithTheOutageLeftAHole() throws Exception {
        for (Instant at = NOW.minus(Duration.ofDays(3)); at.isBefore(NOW.minus(Duration.ofHours(25)));
                at = at.plus(Duration.ofMinutes(2))) {
            store.record(List.of(metrics(WEEK, "week", "Running", fetchedAt(at), 0)), at);
        }
        for (int minute = -60; minute <= 0; minute++) {
            Instant at = NOW.plus(Duration.ofMinutes(minute));
            store.record(List.of(metrics(WEEK, "week", "Running", fetchedAt(at), 0)), at);
        }
        store.maintain();

        String week = viewerGet(servicePath + "/pipes/" + WEEK + "/health?window=7d");

        List<List<String>> lines = polylinePoints(week, "chart-events");
        assertThat(lines).as("fetched and sent, each in two runs around the day without readings").hasSize(4);
        List<String> fetched = new ArrayList<>(lines.get(0));
        fetched.addAll(lines.get(1));
        assertThat(fetched).as("10-minute buckets and minutes alike chart 10 events/s: the axis' top")
                .allSatisfy(xy -> assertThat(xy).endsWith("," + PLOT_TOP)).hasSizeGreaterThan(80);
        assertThat(week).contains("class=\"chart-current\">10 events/s<", ">Nov 21<", ">Nov 24<");
    }

    @Test
    void aPipeWithoutMetricsSaysWhyInsteadOfShowingEmptyCharts() throws Exception {
        String section = viewerGet(servicePath + "/pipes/" + UNKNOWN + "/health?window=1h");

        assertThat(section).contains(">No metrics<", "No metrics: collection is switched off "
                + "(pipedeck.health.collect=false).").doesNotContain("<svg class=\"chart-svg\"", "Last seen");
        assertThat(new PipeHealthPanel(HealthAssessment.of(List.of(), HealthProperties.defaults()), ChartWindow.HOUR,
                List.of(), true, Duration.ofSeconds(60)).emptyMessage()).as("while collecting")
                .isEqualTo("No metrics yet — Pipedeck scrapes every 60 s.");
    }

    @Test
    void theListRendersPlaceholdersWithoutReadingMetricsAndOneRequestFillsEveryCellFromOneQuery(
            CapturedOutput output) throws Exception {
        int before = metricQueries(output);
        String list = viewerGet(servicePath + "/pipes");
        assertThat(metricQueries(output)).as("the list page reads no metrics").isEqualTo(before);

        for (String id : List.of(HEALTHY, STALLED, ERRORING, FAILED, UNKNOWN)) {
            assertThat(list).contains("<div class=\"pipe-health-cell\" id=\"health-" + id + "\">…</div>");
        }
        Matcher loader = Pattern.compile("hx-get=\"([^\"]*/pipes/health\\?ids=[^\"]*)\"").matcher(list);
        assertThat(loader.find()).as("one health request for the page").isTrue();
        String cellsUrl = loader.group(1).replace("&amp;", "&");
        assertThat(loader.find()).isFalse();
        assertThat(list).contains("hx-swap=\"none\"").doesNotContain(">Stalled<");

        before = metricQueries(output);
        String cells = viewerGet(cellsUrl);
        assertThat(metricQueries(output) - before).as("one query for every row's history").isEqualTo(1);

        assertThat(cell(cells, HEALTHY)).contains("hx-swap-oob=\"true\"", ">Healthy<", "<svg class=\"sparkline\"",
                "aria-label=\"Events fetched per second over the last hour: now 10 events/s, peak 10 events/s.\"");
        assertThat(cell(cells, STALLED)).contains(">Stalled<", "<polyline");
        assertThat(cell(cells, ERRORING)).contains(">Erroring<", "new errors since");
        assertThat(cell(cells, FAILED)).contains(">Failed<", "The pipe is Failed.");
        assertThat(cell(cells, UNKNOWN)).contains(">No metrics<", "no data").doesNotContain("<svg");
        assertThat(Pattern.compile("<polyline[^>]*points=\"([^\"]*)\"").matcher(cell(cells, HEALTHY)).results()
                .mapToInt(m -> m.group(1).split(" ").length).sum()).as("an hour of minutes").isEqualTo(60);
    }

    @Test
    void aRowThatKeepsItselfCurrentKeepsItsHealth() throws Exception {
        String row = viewerGet(servicePath + "/pipes/" + UNKNOWN + "/row");
        assertThat(row).contains("id=\"pipe-" + UNKNOWN + "\"", "hx-trigger=\"every 2s\"",
                "id=\"health-" + UNKNOWN + "\"", ">No metrics<").doesNotContain("hx-swap-oob");

        String healthyRow = viewerGet(servicePath + "/pipes/" + HEALTHY + "/row");
        assertThat(cell(healthyRow, HEALTHY)).contains(">Healthy<", "<svg class=\"sparkline\"");
    }

    @Test
    void theDashboardTileCountsItsPipesByHealthAndAddsTheStalledAndErroringToItsAttentionList(
            CapturedOutput output) throws Exception {
        String home = viewerGet("/");
        assertThat(home).contains("hx-get=\"" + servicePath + "/tile/health\"", "id=\"attention-" + SERVICE + "\"");

        int before = metricQueries(output);
        String health = viewerGet(servicePath + "/tile/health");
        assertThat(metricQueries(output) - before)
                .as("the service's recent points, then the last hour of its stalled and erroring pipes").isEqualTo(2);

        assertThat(health.strip()).startsWith("<div class=\"tile-health\">").contains("1 stalled, 1 erroring, 1 failed");
        assertThat(health).contains("hx-swap-oob=\"beforeend:#attention-" + SERVICE + "\"",
                "href=\"" + servicePath + "/pipes/" + STALLED + "\"", ">payments<",
                "href=\"" + servicePath + "/pipes/" + ERRORING + "\"", "<svg class=\"sparkline\"", ">Stalled<",
                ">Erroring<");
        assertThat(health).as("a name from the metrics is text, never markup").doesNotContain("<script>")
                .contains("S3 logs &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(health).as("failed pipes are the tile's own (from ClickHouse Cloud), healthy ones need nobody")
                .doesNotContain("/pipes/" + FAILED + "\"", "/pipes/" + HEALTHY + "\"");
    }

    // ---- helpers ----

    private String viewerGet(String path) throws Exception {
        MockHttpServletRequestBuilder request = get(path).with(user("vera").roles("VIEWER"));
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    /** The polylines of one chart, each as its "x,y" pairs. */
    private static List<List<String>> polylinePoints(String html, String chartId) {
        int start = html.indexOf("<figure class=\"chart\" id=\"" + chartId + "\"");
        assertThat(start).as("chart %s", chartId).isNotNegative();
        String figure = html.substring(start, html.indexOf("</figure>", start));
        List<List<String>> lines = new ArrayList<>();
        Matcher polyline = Pattern.compile("<polyline fill=\"none\" points=\"([^\"]*)\"").matcher(figure);
        while (polyline.find()) {
            lines.add(List.of(polyline.group(1).split(" ")));
        }
        return lines;
    }

    private static String cell(String html, String pipeId) {
        int start = html.indexOf("id=\"health-" + pipeId + "\"");
        assertThat(start).as("cell of %s", pipeId).isNotNegative();
        int end = html.indexOf("</div>", start);
        return html.substring(html.lastIndexOf("<div", start), end);
    }

    private static int metricQueries(CapturedOutput output) {
        return (int) METRIC_QUERY.matcher(output.getAll()).results().count();
    }

    /** A counter growing 600 a minute since an hour before the week began. */
    private static double fetchedAt(Instant at) {
        return 600.0 * Duration.between(NOW.minus(Duration.ofDays(8)), at).toMinutes();
    }

    private PipeMetrics metrics(String pipeId, String name, String state, double fetched, double errors) {
        return new PipeMetrics(pipeId, organizationId, SERVICE, name, state, fetched, fetched * 0.99,
                fetched * 200, fetched * 198, errors, 120.0, 300.0, 1000.0, 0.5 * GIB, 2 * GIB);
    }

    private static String pipe(String id, String name, String state) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"state\":\"" + state + "\","
                + "\"source\":{\"kafka\":{\"type\":\"confluent\",\"format\":\"JSONEachRow\",\"brokers\":\"b:9092\","
                + "\"topics\":\"t\"}},\"destination\":{\"database\":\"events\",\"table\":\"t\"},"
                + "\"updatedAt\":\"2026-11-20T10:00:00Z\"}";
    }
}
