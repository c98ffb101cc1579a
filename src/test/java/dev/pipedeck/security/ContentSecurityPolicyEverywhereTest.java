package dev.pipedeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.pipedeck.sandbox.SandboxAccess;
import dev.pipedeck.sandbox.SandboxCredentials;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.ApiTokenService;
import dev.pipedeck.users.NewApiToken;
import dev.pipedeck.users.Role;
import dev.pipedeck.web.RoleMatrixTest;

/**
 * A strict Content-Security-Policy on every kind of response: each route of the role matrix as a page and as an HTMX
 * fragment, for a role that may use it and for anonymous callers (redirects, 401), the server's own error pages
 * (400, 403, 404, 500), static files, the API's JSON (answers and refusals), the audit exports, the health
 * endpoints and the sandbox's API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ContentSecurityPolicyEverywhereTest {

    static final MatrixUpstream UPSTREAM = new MatrixUpstream();

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccountService accounts;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    SandboxAccess sandbox;

    final List<String> missing = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        UPSTREAM.connectOnce(mvc, jdbc);
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void everyRouteAsPageAndFragmentSignedInOrNot() throws Exception {
        long target = TestAccounts.create(accounts, "csp-target-" + System.nanoTime(), Role.VIEWER).getId();
        for (RoleMatrixTest.Route route : RoleMatrixTest.routes()) {
            String path = UPSTREAM.path(route, target);
            for (boolean htmx : new boolean[] {false, true}) {
                for (String who : new String[] {"ADMIN", "VIEWER", null}) {
                    MockHttpServletRequestBuilder request = request(route.method(), path).with(csrf());
                    route.params().forEach(request::param);
                    if (htmx) {
                        request.header("HX-Request", "true");
                    }
                    if (who != null) {
                        request.with(user("csp-" + who.toLowerCase()).roles(who));
                    }
                    MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
                    check(route + (htmx ? " (HTMX)" : "") + " as " + who + " → " + response.getStatus(),
                            response.getHeader("Content-Security-Policy"));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theServersOwnErrorPagesStaticFilesAndJson() throws Exception {
        String viewer = "csp-viewer-" + System.nanoTime();
        TestAccounts.create(accounts, viewer, Role.VIEWER);
        RealServer anonymous = new RealServer(port);
        RealServer signedIn = new RealServer(port).signIn(viewer);

        expect(anonymous.get("/assets/nothing-here.css"), 404, "the 404 page");
        expect(signedIn.get("/no-such-page"), 404, "a signed-in 404");
        expect(signedIn.get("/users"), 403, "the 403 page (a viewer on an admin page)");
        expect(signedIn.post("/organizations", Map.of("displayName", "x")), 403, "a refused form without its token");
        expect(anonymous.get("/error"), 500, "the 500 page");
        expect(signedIn.get("/audit/99999999999999999999999"), 400, "the 400 page");
        expect(anonymous.get("/"), 302, "the redirect to sign in");
        expect(anonymous.get("/login"), 200, "the login page");
        expect(signedIn.get("/"), 200, "the dashboard");
        expect(anonymous.get("/assets/css/pipedeck.css"), 200, "a stylesheet");
        expect(anonymous.get("/assets/js/pipedeck.js"), 200, "a script");
        expect(anonymous.get("/favicon.ico"), null, "the favicon");
        expect(anonymous.get("/actuator/health", "application/json"), 200, "the health endpoint");
        expect(signedIn.get("/audit/export.csv", "text/csv"), 200, "the CSV export");
        expect(signedIn.get("/audit/export.jsonl", "application/x-ndjson"), 200, "the JSON Lines export");

        // The API: JSON answers and refusals.
        expect(anonymous.get("/api/v1/organizations", "application/json"), 401, "the API's 401");
        String token = basic(TestAccounts.as(viewer, Role.VIEWER, () -> tokens.create(viewer, "csp", Role.VIEWER, 1)));
        expect(anonymous.send(HttpRequest.newBuilder(anonymous.uri("/api/v1/organizations"))
                .header("Authorization", token)), 200, "the API's JSON");
        expect(anonymous.send(HttpRequest.newBuilder(anonymous.uri("/api/v1" + UPSTREAM.servicePath() + "/clickpipes"))
                .header("Authorization", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 403, "the API's 403");
        expect(anonymous.send(HttpRequest.newBuilder(anonymous.uri("/api/v1/organizations/"
                + java.util.UUID.randomUUID() + "/services")).header("Authorization", token)), 404, "the API's 404");

        // The sandbox's stand-in for the ClickHouse Cloud API (its own security chain).
        SandboxCredentials key = TestAccounts.asAdmin(() -> sandbox.issueKey("csp"));
        String sandboxKey = "Basic " + Base64.getEncoder().encodeToString((key.keyId() + ":" + key.keySecret())
                .getBytes(StandardCharsets.UTF_8));
        expect(anonymous.send(HttpRequest.newBuilder(anonymous.uri("/sandbox/v1/organizations/"
                + sandbox.organizationId())).header("Authorization", sandboxKey)), 200, "the sandbox API's JSON");
        expect(anonymous.get("/sandbox/v1/organizations", "application/json"), null, "the sandbox API's refusal");

        assertThat(missing).isEmpty();
    }

    private void expect(HttpResponse<String> response, Integer status, String what) {
        if (status != null) {
            assertThat(response.statusCode()).as(what).isEqualTo(status);
        }
        check(what + " → " + response.statusCode(), response.headers().firstValue("Content-Security-Policy")
                .orElse(null));
        if (response.statusCode() >= 400 && String.valueOf(response.headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/html")) {
            assertThat(response.body()).as(what + ": no stack trace").doesNotContain("Exception", "\tat ");
        }
    }

    private void check(String what, String policy) {
        if (policy == null || !policy.contains("default-src") || !policy.contains("frame-ancestors 'none'")
                || policy.contains("unsafe-inline") || policy.contains("unsafe-eval")) {
            missing.add(what + ": " + policy);
        }
    }

    private static String basic(NewApiToken token) {
        return "Basic " + Base64.getEncoder().encodeToString((token.token().getTokenId() + ":" + token.secret())
                .getBytes(StandardCharsets.UTF_8));
    }
}
