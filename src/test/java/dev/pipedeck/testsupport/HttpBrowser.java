package dev.pipedeck.testsupport;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A browser without a screen for tests against running Pipedeck servers: keeps cookies (one site, whatever the port:
 * instances behind one load balancer) and the CSRF token of the last page it read, and signs in with the form.
 */
public final class HttpBrowser {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String csrf;

    /** Signs in through the login form; the answer of the form's POST (a redirect). */
    public HttpResponse<String> signIn(int port, String username, String password) throws Exception {
        get(port, "/login");
        return post(port, "/login", Map.of("username", username, "password", password));
    }

    public HttpResponse<String> get(int port, String path) throws Exception {
        return remember(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** What an HTMX request asks for (a fragment): a GET with {@code HX-Request: true}. */
    public HttpResponse<String> htmx(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("HX-Request", "true").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST with the CSRF token of the last page read; a value may be a list (a field sent repeatedly). */
    public HttpResponse<String> post(int port, String path, Map<String, ?> form) throws Exception {
        String body = form.entrySet().stream()
                .flatMap(e -> (e.getValue() instanceof Collection<?> values ? values.stream() : Stream.of(e.getValue()))
                        .map(value -> encode(e.getKey()) + "=" + encode(String.valueOf(value))))
                .collect(Collectors.joining("&")) + (form.isEmpty() ? "" : "&") + "_csrf=" + encode(csrf);
        return remember(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
