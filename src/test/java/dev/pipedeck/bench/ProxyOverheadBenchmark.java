package dev.pipedeck.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.sun.net.httpserver.HttpServer;

import dev.pipedeck.orgs.ConnectionForm;
import dev.pipedeck.orgs.OrgConnectionService;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.ApiTokenService;
import dev.pipedeck.users.NewApiToken;
import dev.pipedeck.users.Role;

/**
 * The proxy's added latency: the same GET sent straight to a local upstream that answers after 50 ms, and through
 * Pipedeck's {@code /api/v1} with an API token, the request budget lifted and the read cache off, so it measures the
 * proxy itself (authentication, role check, routing, the client). Not part of {@code ./mvnw verify}:
 * {@code ./mvnw -q test -Dtest=ProxyOverheadBenchmark -Dpipedeck.bench=true}.
 */
@EnabledIfSystemProperty(named = "pipedeck.bench", matches = "true")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"pipedeck.cloud.read-cache-ttl=0s",
        "logging.level.dev.pipedeck=WARN"})
class ProxyOverheadBenchmark {

    static final int WARMUP = 200;
    static final int RUNS = Integer.getInteger("pipedeck.bench.runs", 1000);
    static final long UPSTREAM_DELAY_MS = 50;

    @LocalServerPort
    int port;

    @Autowired
    OrgConnectionService connections;

    @Autowired
    AccountService accounts;

    @Autowired
    ApiTokenService tokens;

    @Test
    void measureTheProxysAddedLatency() throws Exception {
        // Without TCP_NODELAY the JDK's server and a client that writes a request in two parts meet Nagle's
        // algorithm and delayed ACKs (~40 ms), which would measure the test server, not the proxy.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] answer = ("{\"status\":200,\"requestId\":\"" + UUID.randomUUID() + "\",\"result\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        upstream.createContext("/", exchange -> {
            try {
                Thread.sleep(UPSTREAM_DELAY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(answer);
            }
        });
        upstream.setExecutor(Executors.newFixedThreadPool(8));
        upstream.start();
        try {
            String organizationId = UUID.randomUUID().toString();
            String upstreamUrl = "http://127.0.0.1:" + upstream.getAddress().getPort();
            String auth = connectAndMakeToken(organizationId, upstreamUrl);
            String path = "/v1/organizations/" + organizationId + "/services/svc/clickpipes";
            HttpClient client = HttpClient.newHttpClient();

            List<Long> direct = new ArrayList<>();
            List<Long> proxied = new ArrayList<>();
            for (int i = 0; i < WARMUP + RUNS; i++) {
                long d = time(client, upstreamUrl + path, null);
                long p = time(client, "http://127.0.0.1:" + port + "/api" + path, auth);
                if (i >= WARMUP) {
                    direct.add(d);
                    proxied.add(p);
                }
            }
            List<Long> overhead = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                overhead.add(proxied.get(i) - direct.get(i));
            }
            System.out.printf("%nProxy overhead over a local upstream answering in %d ms (%d runs, budget lifted, "
                    + "cache off)%n", UPSTREAM_DELAY_MS, RUNS);
            System.out.printf("  direct   median %.2f ms, p99 %.2f ms%n", ms(percentile(direct, 50)),
                    ms(percentile(direct, 99)));
            System.out.printf("  proxied  median %.2f ms, p99 %.2f ms%n", ms(percentile(proxied, 50)),
                    ms(percentile(proxied, 99)));
            System.out.printf("  overhead median %.2f ms, p99 %.2f ms%n%n", ms(percentile(overhead, 50)),
                    ms(percentile(overhead, 99)));
        } finally {
            upstream.stop(0);
        }
    }

    private String connectAndMakeToken(String organizationId, String upstreamUrl) {
        TestAccounts.create(accounts, "bench", Role.OPERATOR);
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
        NewApiToken token = TestAccounts.as("bench", Role.OPERATOR,
                () -> tokens.create("bench", "benchmark", Role.OPERATOR, null));
        return "Basic " + Base64.getEncoder().encodeToString((token.token().getTokenId() + ":" + token.secret())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static long time(HttpClient client, String url, String auth) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (auth != null) {
            request.header("Authorization", auth);
        }
        long started = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = System.nanoTime() - started;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return elapsed;
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
