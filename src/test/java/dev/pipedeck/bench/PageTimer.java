package dev.pipedeck.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pipedeck.testsupport.TestAccounts;

/** What the page benchmarks do alike: sign a browser in, fetch a page or fragment, and time it. */
final class PageTimer {

    /** One page's timing: median and p95 over the measured runs, and its size. */
    record Timing(double medianMs, double p95Ms, int bytes) {
    }

    private PageTimer() {
    }

    /** Fetches {@code url} {@code warmup + runs} times, times the last {@code runs}, and prints one line. */
    static Timing time(String label, HttpClient browser, String url, boolean htmx, int warmup, int runs)
            throws IOException, InterruptedException {
        int size = 0;
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            long started = System.nanoTime();
            String body = fetch(browser, url, htmx);
            long elapsed = System.nanoTime() - started;
            size = body.getBytes(StandardCharsets.UTF_8).length;
            if (i >= warmup) {
                times.add(elapsed);
            }
        }
        Timing timing = new Timing(ms(percentile(times, 50)), ms(percentile(times, 95)), size);
        System.out.printf("  %-22s median %7.2f ms, p95 %7.2f ms, %6.1f KB%n", label, timing.medianMs(),
                timing.p95Ms(), size / 1024.0);
        return timing;
    }

    static HttpClient signIn(int port, String username) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page");
        }
        String form = "username=" + username + "&password=" + URLEncoder.encode(TestAccounts.PASSWORD,
                StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in failed: " + signedIn.statusCode() + " " + location);
        }
        return browser;
    }

    static String fetch(HttpClient browser, String url, boolean htmx) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (htmx) {
            request.header("HX-Request", "true");
        }
        HttpResponse<String> response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
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
