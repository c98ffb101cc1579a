package dev.pipedeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;

import dev.pipedeck.testsupport.TestAccounts;

/**
 * A client of the running server (the servlet container's own error handling included, which MockMvc skips), with a
 * cookie jar like a browser's.
 */
final class RealServer {

    private final int port;
    private final HttpClient client;

    RealServer(int port) {
        this.port = port;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Signs in through the login form (password {@link TestAccounts#PASSWORD}); the cookie stays in the jar. */
    RealServer signIn(String username) throws Exception {
        String login = get("/login").body();
        String token = Jsoup.parse(login).select("#password-sign-in input[name=_csrf]").attr("value");
        HttpResponse<String> signedIn = post("/login", Map.of("username", username, "password",
                TestAccounts.PASSWORD, "_csrf", token));
        assertThat(signedIn.headers().firstValue("Location").orElse("")).as("signed in as " + username)
                .doesNotContain("/login");
        return this;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET());
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
