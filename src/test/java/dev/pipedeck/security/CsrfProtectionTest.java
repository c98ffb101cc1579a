package dev.pipedeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.pipedeck.testsupport.CookieSession;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;
import dev.pipedeck.web.RoleMatrixTest;

/**
 * CSRF: a signed-in admin's browser sending any state-changing page or HTMX request without the session's CSRF token
 * (a cross-site form or script) is refused with 403 and changes nothing: nothing reaches ClickHouse Cloud, no account
 * changes, no action is recorded as done, and the refusal is audited. The sweep covers the role matrix's routes and
 * every other non-GET route the application maps. {@code /api/v1} takes no CSRF token because a browser's cookie
 * does not reach it: only HTTP Basic credentials do.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class CsrfProtectionTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(:[^}]*)?}");
    static final MatrixUpstream UPSTREAM = new MatrixUpstream();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccountService accounts;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    CookieSession admin;
    long target;

    @BeforeEach
    void signInAsAdmin() throws Exception {
        UPSTREAM.connectOnce(mvc, jdbc);
        String username = "csrf-admin-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.ADMIN);
        target = TestAccounts.create(accounts, "csrf-target-" + System.nanoTime(), Role.VIEWER).getId();
        admin = SignedInBrowser.signIn(mvc, username);
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    static Stream<RoleMatrixTest.Route> stateChangingRoutes() {
        return RoleMatrixTest.routes().stream().filter(route -> route.method() != HttpMethod.GET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stateChangingRoutes")
    void withoutTheTokenASignedInAdminsRequestIsRefusedAndChangesNothing(RoleMatrixTest.Route route) throws Exception {
        String path = UPSTREAM.path(route, target);
        for (String variant : List.of("no token", "HTMX, no token", "forged token")) {
            Snapshot before = snapshot();
            MockHttpServletRequestBuilder forged = request(route.method(), path);
            route.params().forEach(forged::param);
            if (variant.startsWith("HTMX")) {
                forged.header("HX-Request", "true");
            }
            if (variant.equals("forged token")) {
                forged.header("X-CSRF-TOKEN", UUID.randomUUID().toString()).param("_csrf", UUID.randomUUID().toString());
            }

            MockHttpServletResponse response = admin.perform(forged).andReturn().getResponse();

            assertThat(response.getStatus()).as("%s, %s", route, variant).isEqualTo(403);
            before.assertNothingChanged(route + ", " + variant);
        }
        assertThat(admin.perform(get("/account")).andReturn().getResponse().getStatus())
                .as("the admin is still signed in: a refusal ends no session").isEqualTo(200);
    }

    @Test
    void everyMappedStateChangingPageRouteNeedsTheToken() throws Exception {
        List<String> refusedWrongly = new ArrayList<>();
        Set<String> swept = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<String> patterns = info.getPatternValues();
            for (var method : info.getMethodsCondition().getMethods()) {
                if (method.name().equals("GET") || method.name().equals("HEAD") || method.name().equals("OPTIONS")) {
                    continue;
                }
                for (String pattern : patterns) {
                    if (pattern.startsWith("/api/") || pattern.startsWith("/sandbox/")) {
                        continue;
                    }
                    String path = fill(pattern);
                    swept.add(method.name() + " " + pattern);
                    Snapshot before = snapshot();
                    MockHttpServletResponse response = admin.perform(request(HttpMethod.valueOf(method.name()), path)
                            .param("name", "x").param("command", "stop")).andReturn().getResponse();
                    if (response.getStatus() != 403) {
                        refusedWrongly.add(method + " " + path + " answered " + response.getStatus());
                    }
                    before.assertNothingChanged(method + " " + path);
                }
            }
        }
        // The sign-in forms and sign-out are Spring Security's own filters, not controllers.
        for (String path : List.of("/login", "/login/code", "/logout")) {
            swept.add("POST " + path);
            MockHttpServletResponse response = admin.perform(post(path).param("username", "x")
                    .param("password", "y").param("code", "123456")).andReturn().getResponse();
            if (response.getStatus() != 403) {
                refusedWrongly.add("POST " + path + " answered " + response.getStatus());
            }
        }
        assertThat(refusedWrongly).as("state-changing routes taken without a CSRF token").isEmpty();
        assertThat(swept).as("the sweep found the application's routes").hasSizeGreaterThan(40)
                .contains("POST /logout", "POST /admin/sandbox/reset", "POST /account/tokens/{tokenId}/revoke",
                        "POST /organizations/{organizationId}/services/{serviceId}/pipes/new/{draftId}/create");
        assertThat(admin.perform(get("/account")).andReturn().getResponse().getStatus())
                .as("a sign-out without the token did not sign the admin out").isEqualTo(200);
    }

    @Test
    void theApiIsNotReachableWithTheSessionCookieAloneSoItNeedsNoCsrfToken() throws Exception {
        String pipes = "/api/v1" + UPSTREAM.servicePath() + "/clickpipes";
        long changes = UPSTREAM.changesSent();
        long reads = UPSTREAM.cloud.received().size();

        MockHttpServletResponse read = admin.perform(get("/api/v1/organizations")).andReturn().getResponse();
        assertThat(read.getStatus()).as("a cross-site read with the admin's cookie").isEqualTo(401);
        MockHttpServletResponse create = admin.perform(post(pipes).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"cross-site\"}").with(csrf())).andReturn().getResponse();
        assertThat(create.getStatus()).as("a cross-site create with the admin's cookie (and even a CSRF token)")
                .isEqualTo(401);
        assertThat(create.getHeader("WWW-Authenticate")).startsWith("Basic");
        assertThat(create.getCookie(CookieSession.COOKIE)).as("the API never hands out a session").isNull();
        assertThat(UPSTREAM.changesSent()).isEqualTo(changes);
        assertThat(UPSTREAM.cloud.received()).as("nothing at all reached ClickHouse Cloud").hasSize((int) reads);
    }

    // ---- helpers

    private String fill(String pattern) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "organizationId" -> UPSTREAM.organization;
                case "serviceId" -> RoleMatrixTest.SERVICE;
                case "pipeId" -> RoleMatrixTest.PIPE_ID;
                case "endpointId" -> RoleMatrixTest.ENDPOINT;
                case "id", "tokenId", "step" -> matcher.group(1).equals("id") ? Long.toString(target) : "1";
                case "field" -> "credentials.password";
                default -> UUID.randomUUID().toString();
            };
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private Snapshot snapshot() {
        return new Snapshot(jdbc.queryForList("select * from account order by id"), UPSTREAM.changesSent(),
                jdbc.queryForObject("select coalesce(max(id), 0) from audit_record", Long.class));
    }

    /** What a refused request must leave as it was. */
    private final class Snapshot {

        final List<Map<String, Object>> accountsTable;
        final long changesSent;
        final long lastAuditId;

        Snapshot(List<Map<String, Object>> accountsTable, long changesSent, long lastAuditId) {
            this.accountsTable = accountsTable;
            this.changesSent = changesSent;
            this.lastAuditId = lastAuditId;
        }

        void assertNothingChanged(String what) {
            assertThat(UPSTREAM.changesSent()).as("%s: nothing sent to ClickHouse Cloud", what).isEqualTo(changesSent);
            assertThat(jdbc.queryForList("select * from account order by id")).as("%s: no account changed", what)
                    .isEqualTo(accountsTable);
            List<Map<String, Object>> recorded = jdbc.queryForList(
                    "select action, outcome from audit_record where id > ? order by id", lastAuditId);
            assertThat(recorded).as("%s: audited as refused, never as done", what)
                    .allSatisfy(record -> assertThat(record.get("outcome")).isEqualTo("denied"))
                    .anySatisfy(record -> assertThat(record.get("action")).isEqualTo("request.denied"));
        }
    }
}
