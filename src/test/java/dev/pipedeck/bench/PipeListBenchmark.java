package dev.pipedeck.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.orgs.ConnectionForm;
import dev.pipedeck.orgs.OrgConnectionService;
import dev.pipedeck.sandbox.SandboxAccess;
import dev.pipedeck.sandbox.SandboxCredentials;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * The pipes list of a service holding 1,000 pipes (the sandbox seeded with {@code pipedeck.sandbox.seed-pipes}), as a
 * signed-in browser fetches it over HTTP: server time (median, p95) and HTML size of the first page, a filtered and
 * sorted page, the HTMX results fragment and one polling row. The budget is lifted so the key's 10 per 10 s never
 * waits; the read cache stays as configured (on: 2 s, as in production), so most runs reuse the list read and still
 * decode and render it. Add {@code -Dpipedeck.cloud.read-cache-ttl=0s} to make every run read the list from the
 * sandbox too. Not part of {@code ./mvnw verify}:
 * {@code ./mvnw -q test -Dtest=PipeListBenchmark -Dpipedeck.bench=true}.
 */
@EnabledIfSystemProperty(named = "pipedeck.bench", matches = "true")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"pipedeck.sandbox.seed-pipes=1000",
        "logging.level.dev.pipedeck=WARN"})
class PipeListBenchmark {

    static final int WARMUP = Integer.getInteger("pipedeck.bench.warmup", 100);
    static final int RUNS = Integer.getInteger("pipedeck.bench.runs", 300);
    static final double MEDIAN_LIMIT_MS = 150;
    static final int SIZE_LIMIT_BYTES = 400 * 1024;

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

    @Test
    void measureTheListOfAThousandPipes() throws Exception {
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
        if (!firstPage.contains("of <span>1,0")) {
            throw new IllegalStateException("expected the 1,000 seeded pipes on the page");
        }
        Matcher row = Pattern.compile("id=\"pipe-([^\"]+)\"").matcher(firstPage);
        row.find();
        String rowUrl = list + "/" + row.group(1) + "/row";

        System.out.printf("%nPipes list of a service with %s pipes (%d runs after %d warm-up, read cache %s)%n",
                firstPage.replaceAll("(?s).*of <span>([0-9,]+)</span>.*", "$1"), RUNS, WARMUP,
                System.getProperty("pipedeck.cloud.read-cache-ttl", "2s (default)"));
        boolean withinLimits = true;
        withinLimits &= measure("first page", browser, list, false, true);
        withinLimits &= measure("filtered, sorted", browser, list + "?q=" + URLEncoder.encode("bench-00",
                StandardCharsets.UTF_8) + "&state=Running&sort=updated", false, true);
        withinLimits &= measure("kind filter, page 2", browser, list + "?kind=kafka&page=2", false, true);
        measure("HTMX results", browser, list + "?sort=state", true, false);
        measure("one polling row", browser, rowUrl, true, false);
        System.out.printf("  limits: median under %.0f ms, page under %d KB: %s%n%n", MEDIAN_LIMIT_MS,
                SIZE_LIMIT_BYTES / 1024, withinLimits ? "met" : "MISSED");
    }

    private boolean measure(String label, HttpClient browser, String url, boolean htmx, boolean limited)
            throws IOException, InterruptedException {
        PageTimer.Timing timing = PageTimer.time(label, browser, url, htmx, WARMUP, RUNS);
        return !limited || (timing.medianMs() < MEDIAN_LIMIT_MS && timing.bytes() < SIZE_LIMIT_BYTES);
    }
}
