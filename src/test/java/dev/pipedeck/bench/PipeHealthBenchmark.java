package dev.pipedeck.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.health.PipeMetricStore;
import dev.pipedeck.health.PipeMetrics;
import dev.pipedeck.orgs.ConnectionForm;
import dev.pipedeck.orgs.OrgConnectionService;
import dev.pipedeck.pipes.PipeListQuery;
import dev.pipedeck.pipes.PipeQueries;
import dev.pipedeck.pipes.PipeListSort;
import dev.pipedeck.pipes.ServiceRef;
import dev.pipedeck.sandbox.SandboxAccess;
import dev.pipedeck.sandbox.SandboxCredentials;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * Pipe health as the pages ask for it, over the sandbox's service of 1,000 pipes (seeded with
 * {@code pipedeck.sandbox.seed-pipes}) with an hour of one-minute points stored for every pipe (about 60,000 rows)
 * and a full week (a day of minutes, six days of 10-minute buckets) for one: the pipes list's lazy health request
 * for its first page (100 rows, 60 points each, one query), the dashboard tile's health for the whole service (one
 * query over 1,000 pipes), and the pipe page's health section for each window. Server time (median, p95) and size,
 * signed in over real HTTP. Not part of {@code ./mvnw verify}:
 * {@code ./mvnw -q test -Dtest=PipeHealthBenchmark -Dpipedeck.bench=true}.
 */
@EnabledIfSystemProperty(named = "pipedeck.bench", matches = "true")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"pipedeck.sandbox.seed-pipes=1000",
        "logging.level.dev.pipedeck=WARN"})
class PipeHealthBenchmark {

    static final int WARMUP = Integer.getInteger("pipedeck.bench.warmup", 50);
    static final int RUNS = Integer.getInteger("pipedeck.bench.runs", 200);
    static final double CELLS_LIMIT_MS = 50;

    @LocalServerPort
    int port;

    @Autowired
    OrgConnectionService connections;

    @Autowired
    AccountService accounts;

    @Autowired
    SandboxAccess sandbox;

    @Autowired
    ClickHouseCloudClient cloud;

    @Autowired
    PipeMetricStore store;

    @Autowired
    PipeQueries pipes;

    @Autowired
    Clock clock;

    @Test
    void measureTheHealthFragments() throws Exception {
        SandboxCredentials key = sandbox.issueKey("benchmark");
        String organizationId = key.organizationId();
        TestAccounts.asAdmin(() -> {
            ConnectionForm form = new ConnectionForm();
            form.setDisplayName("Benchmark sandbox");
            form.setOrganizationId(organizationId);
            form.setKeyId(key.keyId());
            form.setKeySecret(key.keySecret());
            form.setBaseUrl("http://127.0.0.1:" + port + "/sandbox");
            form.setBudgetRequests(1000);
            form.setBudgetWindowSeconds(1);
            return connections.create(form);
        });
        String serviceId = TestAccounts.asAdmin(() -> cloud.instanceGetList(
                connections.cloudConnection(connections.get(organizationId))).block().stream()
                .filter(s -> "analytics-prod".equals(s.name())).findFirst().orElseThrow().id());
        String viewer = "bench-viewer-" + System.nanoTime();
        TestAccounts.create(accounts, viewer, Role.VIEWER);
        HttpClient browser = PageTimer.signIn(port, viewer);

        String list = "http://127.0.0.1:" + port + "/organizations/" + organizationId + "/services/" + serviceId
                + "/pipes";
        String firstPage = PageTimer.fetch(browser, list, false);
        Matcher loader = Pattern.compile("hx-get=\"([^\"]*/pipes/health\\?ids=[^\"]*)\"").matcher(firstPage);
        if (!loader.find()) {
            throw new IllegalStateException("no health request on the list page");
        }
        String cellsUrl = "http://127.0.0.1:" + port + loader.group(1).replace("&amp;", "&");
        List<String> pageIds = List.of(cellsUrl.substring(cellsUrl.indexOf("ids=") + 4).split(","));
        List<String> allIds = new ArrayList<>();
        for (int page = 1; page == 1 || allIds.size() == (page - 1) * PipeListQuery.PAGE_SIZE; page++) {
            PipeListQuery query = new PipeListQuery("", null, null, PipeListSort.NAME, false, page, List.of());
            TestAccounts.asAdmin(() -> pipes.list(new ServiceRef(organizationId, serviceId), query)).page().rows()
                    .forEach(pipe -> allIds.add(pipe.id()));
        }

        long started = System.nanoTime();
        Instant now = clock.instant();
        for (int minute = -60; minute <= 0; minute++) {
            List<PipeMetrics> readings = new ArrayList<>();
            for (String id : allIds) {
                readings.add(metrics(id, organizationId, serviceId, 600.0 * (minute + 60)));
            }
            store.record(readings, now.plus(Duration.ofMinutes(minute)));
        }
        String weekPipe = pageIds.get(0);
        Instant weekStart = now.minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.MINUTES);
        for (Instant at = weekStart; at.isBefore(now.minus(Duration.ofHours(1))); at = at.plus(Duration.ofMinutes(1))) {
            store.record(List.of(metrics(weekPipe, organizationId, serviceId,
                    600.0 * Duration.between(weekStart, at).toMinutes())), at);
        }
        store.maintain();
        System.out.printf("%nPipe health over %d pipes (%d runs after %d warm-up; history stored in %.1f s)%n",
                allIds.size(), RUNS, WARMUP, (System.nanoTime() - started) / 1e9);

        boolean withinLimit = measure("list cells, 100 rows", browser, cellsUrl, CELLS_LIMIT_MS);
        measure("one polling row", browser, list + "/" + weekPipe + "/row", 0);
        measure("tile, 1,000 pipes", browser, "http://127.0.0.1:" + port + "/organizations/" + organizationId
                + "/services/" + serviceId + "/tile/health", 0);
        for (String window : List.of("1h", "24h", "7d")) {
            measure("pipe charts " + window, browser, list + "/" + weekPipe + "/health?window=" + window, 0);
        }
        System.out.printf("  limit: list cells median under %.0f ms: %s%n%n", CELLS_LIMIT_MS,
                withinLimit ? "met" : "MISSED");
    }

    private static PipeMetrics metrics(String pipeId, String organizationId, String serviceId, double fetched) {
        return new PipeMetrics(pipeId, organizationId, serviceId, "bench " + pipeId, "Running", fetched,
                fetched * 0.99, fetched * 200, fetched * 198, 0.0, 120.0, 300.0, 1000.0, 5e8, 2e9);
    }

    private boolean measure(String label, HttpClient browser, String url, double limitMs)
            throws IOException, InterruptedException {
        PageTimer.Timing timing = PageTimer.time(label, browser, url, true, WARMUP, RUNS);
        return limitMs <= 0 || timing.medianMs() < limitMs;
    }
}
