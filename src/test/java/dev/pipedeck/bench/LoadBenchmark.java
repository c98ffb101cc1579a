package dev.pipedeck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import dev.pipedeck.testsupport.HttpBrowser;
import dev.pipedeck.testsupport.PipedeckProcess;

/**
 * Load: N browser-like users (default 200) for a while (default 10 minutes) against a Pipedeck process of its own
 * ({@code java} with the application's classpath, embedded H2, the built-in sandbox connected) on this machine. Each
 * user signs in once, then loops with 1–3 s of thinking between steps: dashboard, a service tile, the pipes list and
 * its HTMX results, a pipe page and its polled state fragment, the audit log. Reported every 30 s and at the end:
 * throughput, p50/p99 latency, errors, the server's heap and resident memory, and the sandbox's upstream calls per
 * minute. Not part of {@code ./mvnw verify}:
 * {@code ./mvnw -q test -Dtest=LoadBenchmark -Dpipedeck.load=true [-Dpipedeck.load.users=200]
 * [-Dpipedeck.load.duration=10m]}. The report is also written to {@code target/load-report.md}.
 */
@EnabledIfSystemProperty(named = "pipedeck.load", matches = "true")
class LoadBenchmark {

    static final int USERS = Integer.getInteger("pipedeck.load.users", 200);
    static final Duration DURATION = Duration.parse("PT" + System.getProperty("pipedeck.load.duration", "10m")
            .toUpperCase(Locale.ROOT));
    static final int ACCOUNTS = 20;
    static final String ADMIN = "load-admin";
    static final String PASSWORD = "a load test passphrase";
    static final Pattern SERVICE_LINK = Pattern.compile("href=\"(/organizations/[^/\"]+/services/[^/\"]+)/pipes\"");
    static final Pattern PIPE_LINK = Pattern.compile(
            "href=\"(/organizations/[^/\"]+/services/[^/\"]+/pipes/[0-9a-f-]{36})\"");
    static final Pattern LAST_MINUTE = Pattern.compile("<dt>Last minute</dt>\\s*<dd>(\\d+)</dd>");
    static final Pattern HEAP = Pattern.compile("\"statistic\"\\s*:\\s*\"VALUE\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.E+]+)");

    @TempDir
    Path dataDir;

    final List<Sample> samples = new CopyOnWriteArrayList<>();
    final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final List<String> errorExamples = new CopyOnWriteArrayList<>();

    record Sample(Duration at, long requests, long errors, double heapMiB, double rssMiB, int upstreamLastMinute) {
    }

    @Test
    void usersBrowseForAWhile() throws Exception {
        int port = PipedeckProcess.freePort();
        Process server = start(port);
        try {
            HttpBrowser admin = new HttpBrowser();
            admin.signIn(port, ADMIN, PASSWORD);
            admin.get(port, "/");
            admin.post(port, "/organizations/sandbox", Map.of());
            for (int i = 0; i < ACCOUNTS; i++) {
                admin.get(port, "/users");
                admin.post(port, "/users", Map.of("username", "load-user-" + i, "password", PASSWORD,
                        "role", i % 4 == 0 ? "OPERATOR" : "VIEWER"));
            }
            String dashboard = admin.get(port, "/").body();
            List<String> services = matches(SERVICE_LINK, dashboard);
            assertThat(services).as("services on the dashboard").isNotEmpty();
            List<String> pipes = new ArrayList<>();
            for (String service : services) {
                pipes.addAll(matches(PIPE_LINK, admin.get(port, service + "/pipes").body()));
            }
            assertThat(pipes).as("pipes in the sandbox").isNotEmpty();
            admin.get(port, "/admin/sandbox");
            admin.post(port, "/admin/sandbox/stats/reset", Map.of());

            long started = System.nanoTime();
            long end = started + DURATION.toNanos();
            ExecutorService users = Executors.newFixedThreadPool(USERS);
            for (int user = 0; user < USERS; user++) {
                int number = user;
                users.submit(() -> browse(port, number, services, pipes, end));
            }
            ExecutorService sampler = Executors.newSingleThreadExecutor();
            sampler.submit(() -> sample(port, admin, server.pid(), started, end));
            users.shutdown();
            users.awaitTermination(DURATION.toSeconds() + 120, TimeUnit.SECONDS);
            sampler.shutdown();
            sampler.awaitTermination(60, TimeUnit.SECONDS);
            String report = report(Duration.ofNanos(System.nanoTime() - started));
            System.out.println(report);
            Files.writeString(Path.of("target", "load-report.md"), report);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void browse(int port, int number, List<String> services, List<String> pipes, long end) {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            // Stagger sign-ins over the first 20 s, as people arrive.
            Thread.sleep(ThreadLocalRandom.current().nextLong(20_000));
            login(http, port, "load-user-" + (number % ACCOUNTS));
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (System.nanoTime() < end) {
                String service = services.get(random.nextInt(services.size()));
                String pipe = pipes.get(random.nextInt(pipes.size()));
                int step = random.nextInt(10);
                switch (step) {
                    case 0, 1 -> fetch(http, port, "dashboard", "/", false);
                    case 2 -> fetch(http, port, "service tile", service + "/tile", true);
                    case 3, 4 -> fetch(http, port, "pipes list", service + "/pipes", false);
                    case 5 -> fetch(http, port, "pipes results", service + "/pipes?q=", true);
                    case 6 -> fetch(http, port, "pipe page", pipe, false);
                    case 7, 8 -> {
                        for (int poll = 0; poll < 3 && System.nanoTime() < end; poll++) {
                            fetch(http, port, "state poll", pipe + "/state", true);
                            Thread.sleep(2000);
                        }
                    }
                    default -> fetch(http, port, "audit", "/audit", false);
                }
                Thread.sleep(1000 + random.nextLong(2000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            errors.incrementAndGet();
            errorExamples.add("user " + number + ": " + e);
        }
    }

    private static void login(HttpClient http, int port, String username) throws Exception {
        HttpResponse<String> page = http.send(request(port, "/login", false).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).isTrue();
        String form = "username=" + username + "&password=" + PASSWORD.replace(" ", "+") + "&_csrf=" + token.group(1);
        HttpResponse<String> signedIn = http.send(request(port, "/login", false)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in of " + username + " failed: " + signedIn.statusCode());
        }
    }

    private void fetch(HttpClient http, int port, String kind, String path, boolean htmx) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request(port, path, htmx).build(),
                    HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - started;
            requests.incrementAndGet();
            latencies.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(took);
            if (response.statusCode() != 200) {
                errors.incrementAndGet();
                if (errorExamples.size() < 20) {
                    errorExamples.add(kind + " " + path + " -> " + response.statusCode());
                }
            }
        } catch (IOException | InterruptedException e) {
            requests.incrementAndGet();
            errors.incrementAndGet();
            if (errorExamples.size() < 20) {
                errorExamples.add(kind + " " + path + " -> " + e);
            }
        }
    }

    private static HttpRequest.Builder request(int port, String path, boolean htmx) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
        return htmx ? builder.header("HX-Request", "true") : builder;
    }

    private void sample(int port, HttpBrowser admin, long pid, long started, long end) {
        try {
            while (System.nanoTime() < end + 5_000_000_000L) {
                Thread.sleep(30_000);
                double heap = 0;
                Matcher heapValue = HEAP.matcher(admin.get(port,
                        "/actuator/metrics/jvm.memory.used?tag=area:heap").body());
                if (heapValue.find()) {
                    heap = Double.parseDouble(heapValue.group(1)) / (1024 * 1024);
                }
                Matcher upstream = LAST_MINUTE.matcher(admin.get(port, "/admin/sandbox").body());
                samples.add(new Sample(Duration.ofNanos(System.nanoTime() - started), requests.get(), errors.get(),
                        heap, PipedeckProcess.residentMiB(pid), upstream.find() ? Integer.parseInt(upstream.group(1)) : -1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            errorExamples.add("sampler: " + e);
        }
    }

    private String report(Duration took) {
        StringBuilder out = new StringBuilder();
        List<Long> all = latencies.values().stream().flatMap(List::stream).sorted().toList();
        out.append(String.format(Locale.ROOT, "# Load: %d users for %s (%d CPU cores)%n%n", USERS, took,
                Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "requests %d, %.1f per second, errors %d%n%n", requests.get(),
                requests.get() / (double) took.toSeconds(), errors.get()));
        out.append("| request | count | p50 ms | p99 ms |\n|---|---:|---:|---:|\n");
        out.append(row("all", all));
        latencies.forEach((kind, values) -> out.append(row(kind, values.stream().sorted().toList())));
        out.append("\n| at | requests | errors | heap MiB | RSS MiB | upstream calls in the last minute |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Sample sample : samples) {
            out.append(String.format(Locale.ROOT, "| %ds | %d | %d | %.0f | %.0f | %d |%n", sample.at().toSeconds(),
                    sample.requests(), sample.errors(), sample.heapMiB(), sample.rssMiB(),
                    sample.upstreamLastMinute()));
        }
        if (!errorExamples.isEmpty()) {
            out.append("\nErrors (first ones):\n");
            errorExamples.stream().limit(20).forEach(e -> out.append("- ").append(e).append('\n'));
        }
        return out.toString();
    }

    private static String row(String kind, List<Long> sorted) {
        if (sorted.isEmpty()) {
            return "| " + kind + " | 0 | | |\n";
        }
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f |%n", kind, sorted.size(),
                sorted.get(sorted.size() / 2) / 1e6, sorted.get(Math.min(sorted.size() - 1,
                        (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1e6);
    }

    private Process start(int port) throws Exception {
        List<String> command = PipedeckProcess.command("-Xmx512m");
        command.addAll(List.of("--server.port=" + port, "--pipedeck.data-dir=" + dataDir,
                "--pipedeck.admin.username=" + ADMIN, "--pipedeck.admin.password=" + PASSWORD,
                "--logging.level.dev.pipedeck=WARN"));
        return PipedeckProcess.start(command, dataDir.resolve("pipedeck.log"), port);
    }

    private static List<String> matches(Pattern pattern, String html) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(html);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return new ArrayList<>(found);
    }
}
