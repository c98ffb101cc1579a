package dev.pipedeck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.sun.net.httpserver.HttpServer;

import dev.pipedeck.cloud.CloudClientProperties;
import dev.pipedeck.orgs.ConnectionForm;
import dev.pipedeck.orgs.OrgConnectionService;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * The home dashboard's render time over one organization of {@value #SERVICES} services, every upstream answer (the
 * services list and each pipe list) delayed {@value #UPSTREAM_DELAY_MS} ms: signed in over real HTTP, as a browser
 * asks for {@code /}. Cold: the read cache has forgotten everything (each cold run waits out its time to live, the
 * default 2 s), so the page makes the services call and then the five pipe-list calls; warm: renders right after, all
 * reads shared from the cache; direct: the same two waves sent straight to the upstream, the floor a cold render
 * cannot beat. The request budget is lifted so that back-to-back cold runs do not queue for it.
 * Not part of {@code ./mvnw verify}: {@code ./mvnw -q test -Dtest=DashboardBenchmark -Dpipedeck.bench=true}.
 */
@EnabledIfSystemProperty(named = "pipedeck.bench", matches = "true")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "logging.level.dev.pipedeck=WARN")
class DashboardBenchmark {

    static final int SERVICES = 5;
    static final int PIPES_PER_SERVICE = 20;
    static final long UPSTREAM_DELAY_MS = 200;
    static final int WARMUP = 5;
    static final int COLD_RUNS = Integer.getInteger("pipedeck.bench.runs", 20);
    static final int WARM_PER_COLD = 10;
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    OrgConnectionService connections;

    @Autowired
    AccountService accounts;

    @Autowired
    CloudClientProperties cloudProperties;

    @Test
    void measureTheDashboardColdAndWarm() throws Exception {
        // Without TCP_NODELAY the test server's answer (headers, then body) meets Nagle's algorithm and delayed ACKs
        // (~40 ms a call), which would measure the test server, not the dashboard.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String organizationId = UUID.randomUUID().toString();
        SlowCloud cloud = new SlowCloud(organizationId);
        try {
            connect(cloud.baseUrl(), organizationId);
            HttpClient browser = signedIn();
            HttpClient upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Duration pastTheCache = cloudProperties.readCacheTtl().plusMillis(150);

            for (int i = 0; i < WARMUP; i++) {
                Thread.sleep(pastTheCache.toMillis());
                render(browser);
                render(browser);
            }
            List<Long> cold = new ArrayList<>();
            List<Long> warm = new ArrayList<>();
            List<Long> direct = new ArrayList<>();
            // Warm renders stop well inside the cache's time to live, so none of them finds a read expired.
            long warmWindow = cloudProperties.readCacheTtl().minusMillis(500).toNanos();
            for (int run = 0; run < COLD_RUNS; run++) {
                Thread.sleep(pastTheCache.toMillis());
                int before = cloud.received();
                long coldStarted = System.nanoTime();
                cold.add(render(browser));
                assertThat(cloud.received() - before).as("cold: the services list and every pipe list")
                        .isEqualTo(1 + SERVICES);
                for (int i = 0; i < WARM_PER_COLD && System.nanoTime() - coldStarted < warmWindow; i++) {
                    warm.add(render(browser));
                }
                assertThat(cloud.received() - before).as("warm: nothing asked upstream")
                        .isEqualTo(1 + SERVICES);
                direct.add(directly(upstream, cloud, organizationId));
            }
            System.out.printf("%nDashboard over %d services, every upstream answer after %d ms (%d pipes each; "
                    + "budget lifted, read cache %d ms)%n", SERVICES, UPSTREAM_DELAY_MS, PIPES_PER_SERVICE,
                    cloudProperties.readCacheTtl().toMillis());
            System.out.printf("  floor (services, then pipe lists in parallel): %d ms; all in a row would be %d ms%n",
                    2 * UPSTREAM_DELAY_MS, (1 + SERVICES) * UPSTREAM_DELAY_MS);
            report("direct", direct);
            report("cold", cold);
            report("warm", warm);
            List<Long> share = new ArrayList<>();
            for (int i = 0; i < cold.size(); i++) {
                share.add(cold.get(i) - direct.get(i));
            }
            report("cold - direct (Pipedeck's own share, per run)", share);
            System.out.println();
        } finally {
            cloud.stop();
        }
    }

    /**
     * ClickHouse Cloud answering every GET after {@value #UPSTREAM_DELAY_MS} ms: one organization of {@value #SERVICES}
     * running services with {@value #PIPES_PER_SERVICE} pipes each, in a mix of states. Counts what it received.
     */
    static final class SlowCloud {
        private final HttpServer server;
        private final AtomicInteger received = new AtomicInteger();

        SlowCloud(String organizationId) throws IOException {
            Map<String, byte[]> answers = new HashMap<>();
            List<String> services = new ArrayList<>();
            String base = "/v1/organizations/" + organizationId + "/services";
            for (int s = 1; s <= SERVICES; s++) {
                String serviceId = "svc-" + s;
                services.add("{\"id\":\"" + serviceId + "\",\"name\":\"service-" + s + "\",\"provider\":\"aws\","
                        + "\"region\":\"us-east-1\",\"state\":\"running\"}");
                List<String> pipes = new ArrayList<>();
                for (int p = 1; p <= PIPES_PER_SERVICE; p++) {
                    String state = p % 10 == 0 ? "Failed" : p % 7 == 0 ? "Paused" : p % 5 == 0 ? "Stopped" : "Running";
                    pipes.add("{\"id\":\"" + serviceId + "-pipe-" + p + "\",\"name\":\"pipe-" + p + "\",\"state\":\""
                            + state + "\",\"updatedAt\":\"" + Instant.now().minus(Duration.ofDays(p)) + "\"}");
                }
                answers.put(base + "/" + serviceId + "/clickpipes", envelope("[" + String.join(",", pipes) + "]"));
            }
            answers.put(base, envelope("[" + String.join(",", services) + "]"));
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                received.incrementAndGet();
                byte[] answer = answers.get(exchange.getRequestURI().getPath());
                try {
                    Thread.sleep(UPSTREAM_DELAY_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                if (answer == null) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(answer);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(4 * SERVICES));
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        int received() {
            return received.get();
        }

        void stop() {
            server.stop(0);
        }

        private static byte[] envelope(String result) {
            return ("{\"status\":200,\"requestId\":\"" + UUID.randomUUID() + "\",\"result\":" + result + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private void connect(String upstreamUrl, String organizationId) {
        TestAccounts.create(accounts, "bench", Role.VIEWER);
        TestAccounts.asAdmin(() -> {
            ConnectionForm form = new ConnectionForm();
            form.setDisplayName("Benchmark");
            form.setOrganizationId(organizationId);
            form.setKeyId("BenchKey01");
            form.setKeySecret("BenchSecret01");
            form.setBaseUrl(upstreamUrl);
            form.setBudgetRequests(1000);
            form.setBudgetWindowSeconds(1);
            form.setSaveUnverified(true);
            return connections.create(form);
        });
    }

    /**
     * The floor, straight to the upstream without Pipedeck: the services list, then the pipe lists all at once
     * (nanoseconds).
     */
    private static long directly(HttpClient upstream, SlowCloud cloud, String organizationId) {
        String services = cloud.baseUrl() + "/v1/organizations/" + organizationId + "/services";
        long started = System.nanoTime();
        upstream.sendAsync(HttpRequest.newBuilder(URI.create(services)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).join();
        List<CompletableFuture<HttpResponse<byte[]>>> pipeLists = new ArrayList<>();
        for (int s = 1; s <= SERVICES; s++) {
            pipeLists.add(upstream.sendAsync(HttpRequest.newBuilder(URI.create(services + "/svc-" + s + "/clickpipes"))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        CompletableFuture.allOf(pipeLists.toArray(CompletableFuture[]::new)).join();
        return System.nanoTime() - started;
    }

    /** A browser-like client signed in through the login form (session cookie kept). */
    private HttpClient signedIn() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = client.send(HttpRequest.newBuilder(url("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(login);
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        String form = "username=bench&password=" + URLEncoder.encode(TestAccounts.PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signIn = client.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.headers().firstValue("Location").orElse("")).as("signed in").doesNotContain("error");
        return client;
    }

    /** Nanoseconds to get the whole dashboard, checked to be the real page with every service's pipes. */
    private long render(HttpClient browser) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(url("/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - started;
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("service-" + SERVICES, "All " + PIPES_PER_SERVICE + " pipes")
                .doesNotContain("could not be listed");
        return elapsed;
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void report(String label, List<Long> nanos) {
        System.out.printf("  %s: median %7.1f ms, p95 %7.1f ms, min %7.1f ms, max %7.1f ms (%d runs)%n", label,
                ms(percentile(nanos, 50)), ms(percentile(nanos, 95)), ms(Collections.min(nanos)),
                ms(Collections.max(nanos)), nanos.size());
    }

    private static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
