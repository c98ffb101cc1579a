package dev.pipedeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * Open redirects: an external address (https://evil.example, //evil.example, /\evil.example and their encodings) in
 * the path, in any parameter a redirect could be taken from ({@code continue}, {@code next}, {@code redirect},
 * {@code returnTo}, {@code url}), through sign-in, the saved request, sign-out and the controllers' own redirects is
 * never where the server sends a browser: every Location stays on Pipedeck's own host, or the request is refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class OpenRedirectTest {

    static final List<String> EXTERNAL = List.of("https://evil.example", "//evil.example", "/\\evil.example",
            "\\\\evil.example", "https:evil.example", "///evil.example", "/%2F%2Fevil.example", "/%5Cevil.example");
    static final List<String> PARAMETERS = List.of("continue", "next", "redirect", "returnTo", "url", "redirect_uri",
            "target", "success_url");

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    final List<String> offSite = new ArrayList<>();

    @Test
    void signInWithASavedRequestOrARedirectParameterLandsOnPipedeck() throws Exception {
        String username = "redirect-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.ADMIN);
        for (String external : EXTERNAL) {
            RealServer browser = new RealServer(port);
            String query = query(external);
            // A protected page with the address in its query: saved, then sent to sign in.
            check("protected page", browser.get("/organizations?" + query));
            check("login page", browser.get("/login?" + query));
            String login = browser.get("/login").body();
            String token = Jsoup.parse(login).select("#password-sign-in input[name=_csrf]").attr("value");
            Map<String, String> form = new java.util.LinkedHashMap<>(params(external));
            form.putAll(Map.of("username", username, "password", TestAccounts.PASSWORD, "_csrf", token));
            HttpResponse<String> signedIn = browser.post("/login?" + query, form);
            check("sign-in", signedIn);
            assertThat(location(signedIn)).as("signed in, back to the saved page").contains("/organizations");

            check("login page while signed in", browser.get("/login?" + query));
            String csrf = Jsoup.parse(browser.get("/").body()).select("meta[name=csrf-token]").attr("content");
            Map<String, String> logout = new java.util.LinkedHashMap<>(params(external));
            logout.put("_csrf", csrf);
            HttpResponse<String> signedOut = browser.post("/logout?" + query, logout);
            check("sign-out", signedOut);
            assertThat(location(signedOut)).endsWith("/login?logout");
        }
        assertThat(offSite).isEmpty();
    }

    @Test
    void anExternalAddressAsThePathIsRefusedOrStaysOnPipedeck() throws Exception {
        String username = "redirect-path-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.ADMIN);
        RealServer anonymous = new RealServer(port);
        RealServer admin = new RealServer(port).signIn(username);
        String csrf = Jsoup.parse(admin.get("/").body()).select("meta[name=csrf-token]").attr("content");
        for (String path : List.of("//evil.example", "//evil.example/", "///evil.example/%2E%2E", "/%2F%2Fevil.example",
                "/%5Cevil.example", "/%5C%5Cevil.example", "/.//evil.example", "/https:%2F%2Fevil.example")) {
            check("anonymous GET " + path, anonymous.get(path));
            check("admin GET " + path, admin.get(path));
            // Controllers that redirect to paths built from their path variables.
            check("admin POST organization " + path, admin.post("/organizations" + path + "/verify",
                    Map.of("_csrf", csrf)));
            check("admin POST pipe state " + path, admin.post("/organizations/o/services/s/pipes" + path + "/state",
                    Map.of("_csrf", csrf, "command", "nonsense")));
        }
        for (String raw : List.of("/\\evil.example", "/\\\\evil.example/", "/login/..\\..\\evil.example")) {
            String location = rawLocation(raw);
            if (location != null && !onSite(location)) {
                offSite.add("raw GET " + raw + " → " + location);
            }
        }
        assertThat(offSite).isEmpty();
    }

    private void check(String what, HttpResponse<String> response) {
        String location = location(response);
        if (location != null && !onSite(location)) {
            offSite.add(what + " → " + response.statusCode() + " Location: " + location);
        }
        String refresh = response.headers().firstValue("Refresh").orElse(null);
        if (refresh != null) {
            offSite.add(what + " → Refresh: " + refresh);
        }
        if (response.body() != null && response.body().contains("http-equiv=\"refresh\"")) {
            offSite.add(what + " → a meta refresh");
        }
    }

    /** Whether a Location sends the browser to this server (a path on it, or its own address). */
    private boolean onSite(String location) {
        if (location.startsWith("//") || location.startsWith("/\\") || location.startsWith("\\")) {
            return false;
        }
        try {
            URI resolved = URI.create("http://localhost:" + port + "/").resolve(location);
            return "localhost".equals(resolved.getHost()) && resolved.getPort() == port;
        } catch (IllegalArgumentException unparsable) {
            return false;
        }
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse(null);
    }

    private static String query(String external) {
        StringBuilder query = new StringBuilder();
        for (String parameter : PARAMETERS) {
            query.append(query.isEmpty() ? "" : "&").append(parameter).append('=')
                    .append(java.net.URLEncoder.encode(external, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private static Map<String, String> params(String external) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        PARAMETERS.forEach(parameter -> params.put(parameter, external));
        return params;
    }

    /** A request line no HTTP client library would send (a literal backslash), and the Location of its answer. */
    private String rawLocation(String path) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            for (String line : answer.split("\r\n")) {
                if (line.isEmpty()) {
                    break;
                }
                if (line.regionMatches(true, 0, "Location:", 0, 9)) {
                    return line.substring(9).strip();
                }
            }
            return null;
        }
    }
}
