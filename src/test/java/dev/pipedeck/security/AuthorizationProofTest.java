package dev.pipedeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
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
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.pipedeck.sandbox.SandboxAccess;
import dev.pipedeck.sandbox.SandboxControl;

import dev.pipedeck.testsupport.CookieSession;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.Account;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.ApiTokenService;
import dev.pipedeck.users.NewApiToken;
import dev.pipedeck.users.Role;
import dev.pipedeck.web.RoleMatrixTest;

/**
 * Authorization beyond the pages' matrix: the same routes asked for as HTMX fragments; every ClickPipes operation of
 * the published API (and the organization-level paths the proxy answers) through {@code /api/v1} with each kind of
 * credential (none, a viewer's, an operator's and an admin's token, a revoked token, the token of a disabled user);
 * and the requests a viewer could forge: a valid CSRF token on a change, method overrides in a parameter or header.
 * What is refused gets 401 or 403, reaches nothing upstream and, for a signed-in caller's change, is audited as
 * {@code request.denied}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class AuthorizationProofTest {

    static final MatrixUpstream UPSTREAM = new MatrixUpstream();
    static final String PIPE = "9e8d7c6b-1111-4222-8333-00000000e002";
    static final String ENDPOINT = RoleMatrixTest.ENDPOINT;

    /** The account the matrix's /users/{target} routes act on (made once: making accounts is slow on purpose). */
    static Long fragmentTarget;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccountService accounts;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    SandboxControl sandboxControl;

    @Autowired
    SandboxAccess sandbox;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @BeforeEach
    void connect() throws Exception {
        UPSTREAM.connectOnce(mvc, jdbc);
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    // ---- HTMX fragments

    static Stream<Arguments> fragmentMatrix() {
        List<Arguments> cases = new ArrayList<>();
        for (RoleMatrixTest.Route route : RoleMatrixTest.routes()) {
            if (route.access() == RoleMatrixTest.Access.PUBLIC) {
                continue;
            }
            cases.add(Arguments.of(route, null));
            for (Role role : Role.values()) {
                cases.add(Arguments.of(route, role));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "HTMX {0} as {1}")
    @MethodSource("fragmentMatrix")
    void asAnHtmxRequestEachRoleGetsExactlyWhatItIsAllowed(RoleMatrixTest.Route route, Role role) throws Exception {
        if (fragmentTarget == null) {
            fragmentTarget = TestAccounts.create(accounts, "hx-target-" + System.nanoTime(), Role.VIEWER).getId();
        }
        long target = fragmentTarget;
        List<Map<String, Object>> accountsBefore = jdbc.queryForList("select * from account order by id");
        long changes = UPSTREAM.changesSent();
        long lastAudit = lastAuditId();
        MockHttpServletRequestBuilder request = request(route.method(), UPSTREAM.path(route, target)).with(csrf())
                .header("HX-Request", "true");
        route.params().forEach(request::param);
        if (role != null) {
            request.with(user("hx-" + role.name().toLowerCase()).roles(role.name()));
        }

        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();

        if (allowed(route.access(), role)) {
            assertThat(response.getStatus()).as("%s as %s is allowed", route, role).isNotIn(401, 403, 405);
            if (UPSTREAM.namesSomethingThatExists(route)) {
                assertThat(response.getStatus()).as("%s as %s finds what it asks for", route, role).isNotEqualTo(404);
            }
            return;
        }
        if (role == null) {
            assertThat(response.getStatus()).as("anonymous HTMX: 401, not a login form in a fragment").isEqualTo(401);
            assertThat(response.getHeader("HX-Redirect")).isEqualTo("/login");
        } else {
            assertThat(response.getStatus()).as("%s as %s is refused", route, role).isEqualTo(403);
            if (route.method() != HttpMethod.GET) {
                assertThat(deniedSince(lastAudit)).as("audited as request.denied").anySatisfy(summary ->
                        assertThat(summary).contains(UPSTREAM.path(route, target)));
            }
        }
        assertThat(jdbc.queryForList("select * from account order by id")).as("nothing changed").isEqualTo(accountsBefore);
        assertThat(UPSTREAM.changesSent()).as("nothing sent to ClickHouse Cloud").isEqualTo(changes);
    }

    // ---- routes the role matrix does not list

    static final String WIZARD = "/organizations/{org}/services/{service}/pipes/new/{draft}";

    /**
     * The application's routes that {@link RoleMatrixTest#routes()} does not list (organization pages, the sandbox's
     * admin page, the wizard's steps, the audit's records and exports, token revocation, setup), with who may use
     * them. {@code {victim}} is an organization connected for the test alone, as its routes delete it.
     */
    static List<RoleMatrixTest.Route> unlistedRoutes() {
        RoleMatrixTest.Access viewer = RoleMatrixTest.Access.VIEWER;
        RoleMatrixTest.Access operator = RoleMatrixTest.Access.OPERATOR;
        RoleMatrixTest.Access admin = RoleMatrixTest.Access.ADMIN;
        return List.of(
                new RoleMatrixTest.Route(HttpMethod.GET, "/organizations/{org}", viewer, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.GET, "/organizations/{org}/health", viewer, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.GET, "/organizations/{org}/edit", admin, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.POST, "/organizations/{victim}", admin, Map.of("displayName", "y")),
                new RoleMatrixTest.Route(HttpMethod.POST, "/organizations/{victim}/verify", admin, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.POST, "/organizations/{victim}/delete", admin, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.POST, "/organizations/sandbox", admin, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.POST, "/organizations/master-key/rotate", admin, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.GET, "/audit/{audit}", viewer, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.GET, "/audit/export.csv", viewer, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.GET, "/audit/export.jsonl", viewer, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.GET, "/admin/sandbox", admin, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.POST, "/admin/sandbox/latency", admin, Map.of("millis", "0")),
                new RoleMatrixTest.Route(HttpMethod.POST, "/admin/sandbox/server-errors", admin, Map.of("count", "0")),
                new RoleMatrixTest.Route(HttpMethod.POST, "/admin/sandbox/rate-limits", admin, Map.of("count", "0")),
                new RoleMatrixTest.Route(HttpMethod.POST, "/admin/sandbox/staging/idle", admin, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.POST, "/admin/sandbox/staging/wake", admin, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.POST, "/admin/sandbox/hostile", admin, Map.of("on", "false")),
                new RoleMatrixTest.Route(HttpMethod.POST, "/admin/sandbox/reset", admin, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.POST, "/admin/sandbox/stats/reset", admin, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.POST, "/account/tokens/{token}/revoke",
                        RoleMatrixTest.Access.SIGNED_IN, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.POST, "/setup", RoleMatrixTest.Access.PUBLIC, Map.of("token", "no",
                        "username", "intruder", "password", "a long enough passphrase", "confirmPassword",
                        "a long enough passphrase")),
                new RoleMatrixTest.Route(HttpMethod.GET, WIZARD, operator, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.GET, WIZARD + "/step/1", operator, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.POST, WIZARD + "/step/1", operator, Map.of("name", "x")),
                new RoleMatrixTest.Route(HttpMethod.POST, WIZARD + "/validate/1", operator, Map.of("_field", "name")),
                new RoleMatrixTest.Route(HttpMethod.POST, WIZARD + "/step/1/forget/credentials.password", operator,
                        Map.of()),
                new RoleMatrixTest.Route(HttpMethod.POST, WIZARD + "/create", operator, Map.of()),
                new RoleMatrixTest.Route(HttpMethod.POST, WIZARD + "/discard", operator, Map.of()));
    }

    /** Routes whose allowed calls would change what other tests rely on (the master key): only refusals are run. */
    static final List<String> REFUSALS_ONLY = List.of("/organizations/master-key/rotate");

    /** Routes the role matrix covers in its nested PipeEditRoutes. */
    static final List<String> COVERED_BY_PIPE_EDIT_ROUTES = List.of(
            "/organizations/{organizationId}/services/{serviceId}/pipes/{pipeId}/edit",
            "/organizations/{organizationId}/services/{serviceId}/pipes/{pipeId}/edit/name",
            "/organizations/{organizationId}/services/{serviceId}/pipes/{pipeId}/edit/credentials",
            "/organizations/{organizationId}/services/{serviceId}/pipes/{pipeId}/edit/mappings",
            "/organizations/{organizationId}/services/{serviceId}/pipes/{pipeId}/edit/jobs/{jobId}");

    @Test
    void everyRouteTheApplicationMapsIsInARoleMatrix() {
        Map<String, PathPattern> mapped = new LinkedHashMap<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/") || pattern.startsWith("/sandbox/") || pattern.equals("/error")
                        || COVERED_BY_PIPE_EDIT_ROUTES.contains(pattern)) {
                    continue;
                }
                for (var method : info.getMethodsCondition().getMethods()) {
                    mapped.put(method.name() + " " + pattern, PathPatternParser.defaultInstance.parse(pattern));
                }
            }
        }
        List<RoleMatrixTest.Route> listed = new ArrayList<>(RoleMatrixTest.routes());
        listed.addAll(unlistedRoutes());
        List<String> covered = new ArrayList<>();
        for (RoleMatrixTest.Route route : listed) {
            String path = resolve(route, 1L, "victim-org", 1L);
            mapped.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(route.method().name() + " ")
                            && entry.getValue().matches(PathContainer.parsePath(path)))
                    .min((a, b) -> PathPattern.SPECIFICITY_COMPARATOR.compare(a.getValue(), b.getValue()))
                    .ifPresent(best -> covered.add(best.getKey()));
        }
        List<String> missing = mapped.keySet().stream().filter(route -> !covered.contains(route)).toList();
        assertThat(missing).as("routes no role matrix checks: add them to RoleMatrixTest.routes()").isEmpty();
    }

    static Stream<Arguments> unlistedMatrix() {
        List<Arguments> cases = new ArrayList<>();
        for (RoleMatrixTest.Route route : unlistedRoutes()) {
            cases.add(Arguments.of(route, null));
            for (Role role : Role.values()) {
                cases.add(Arguments.of(route, role));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("unlistedMatrix")
    void theRoutesTheMatrixDoesNotListGiveEachRoleExactlyWhatItIsAllowed(RoleMatrixTest.Route route, Role role)
            throws Exception {
        boolean allowed = allowed(route.access(), role);
        if (allowed && REFUSALS_ONLY.contains(route.path())) {
            return;
        }
        String victim = "0c0ffee0-0000-4000-8000-" + String.format("%012d", Math.abs(route.path().hashCode()));
        if (jdbc.queryForObject("select count(*) from org_connection where organization_id = ?", Integer.class,
                victim) == 0) {
            UPSTREAM.cloud.connectOrganization(mvc, victim, "Victim org");
        }
        if (fragmentTarget == null) {
            fragmentTarget = TestAccounts.create(accounts, "hx-target-" + System.nanoTime(), Role.VIEWER).getId();
        }
        long audit = lastAuditId();
        List<Map<String, Object>> accountsBefore = jdbc.queryForList("select * from account order by id");
        long changes = UPSTREAM.changesSent();
        MockHttpServletRequestBuilder request = request(route.method(), resolve(route, fragmentTarget, victim, audit))
                .with(csrf());
        route.params().forEach(request::param);
        if (role != null) {
            request.with(user("unlisted-" + role.name().toLowerCase()).roles(role.name()));
        }
        try {
            MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
            if (allowed) {
                assertThat(response.getStatus()).as("%s as %s is allowed", route, role).isNotIn(401, 403, 405);
                assertThat(String.valueOf(response.getRedirectedUrl())).doesNotEndWith("/login");
            } else if (role == null) {
                assertThat(response.getStatus()).as("%s anonymously", route).isEqualTo(302);
                assertThat(response.getRedirectedUrl()).endsWith("/login");
            } else {
                assertThat(response.getStatus()).as("%s as %s is refused", route, role).isEqualTo(403);
            }
            if (!allowed) {
                assertThat(jdbc.queryForList("select * from account order by id")).isEqualTo(accountsBefore);
                assertThat(UPSTREAM.changesSent()).as("nothing sent to ClickHouse Cloud").isEqualTo(changes);
                assertThat(jdbc.queryForObject("select count(*) from org_connection where organization_id = ?",
                        Integer.class, victim)).as("the organization is still connected").isEqualTo(1);
            }
        } finally {
            if (route.path().startsWith("/admin/sandbox") || route.path().equals("/organizations/sandbox")) {
                TestAccounts.asAdmin(sandboxControl::reset);
                jdbc.update("delete from org_connection where organization_id = ?", sandbox.organizationId());
            }
        }
    }

    private static String resolve(RoleMatrixTest.Route route, long target, String victim, long audit) {
        String path = route.path().replace("{victim}", victim)
                .replace("{draft}", "7e57d2af-0000-4000-8000-000000000001").replace("{token}", "tkn_not_there")
                .replace("{audit}", Long.toString(Math.max(1, audit)));
        return UPSTREAM.path(new RoleMatrixTest.Route(route.method(), path, route.access(), route.params()), target);
    }

    // ---- /api/v1

    enum Credential { ANONYMOUS, VIEWER, OPERATOR, ADMIN, REVOKED, DISABLED_USER, WRONG_SECRET }

    record Operation(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}");
        }
    }

    /** The published API's ClickPipes operations (and the organization-level ones the proxy serves) for this org. */
    static List<Operation> operations() {
        String org = "/organizations/" + UPSTREAM.organization;
        String service = org + "/services/" + RoleMatrixTest.SERVICE;
        String pipe = service + "/clickpipes/" + PIPE;
        String endpoint = service + "/clickpipesReversePrivateEndpoints/" + ENDPOINT;
        return List.of(
                new Operation("GET", "/organizations", null),
                new Operation("GET", org + "/services", null),
                new Operation("POST", org + "/services", "{\"name\":\"not-mirrored\"}"),
                new Operation("GET", org + "/clickpipes/cdcScaling", null),
                new Operation("GET", service + "/clickpipes", null),
                new Operation("POST", service + "/clickpipes", "{\"name\":\"x\"}"),
                new Operation("POST", service + "/clickpipes/schemaDiscovery", "{\"source\":{}}"),
                new Operation("GET", pipe, null),
                new Operation("PATCH", pipe, "{\"name\":\"renamed\"}"),
                new Operation("DELETE", pipe, null),
                new Operation("GET", pipe + "/settings", null),
                new Operation("PUT", pipe + "/settings", "{\"clickhouse_max_insert_threads\":2}"),
                new Operation("PATCH", pipe + "/scaling", "{\"replicas\":2}"),
                new Operation("PATCH", pipe + "/state", "{\"command\":\"stop\"}"),
                new Operation("GET", service + "/clickpipesCdcScaling", null),
                new Operation("PATCH", service + "/clickpipesCdcScaling", "{\"replicaCpuMillicores\":4000,"
                        + "\"replicaMemoryGb\":16}"),
                new Operation("GET", service + "/clickpipesReversePrivateEndpoints", null),
                new Operation("POST", service + "/clickpipesReversePrivateEndpoints", "{\"type\":\"VPC_ENDPOINT_SERVICE\"}"),
                new Operation("GET", endpoint, null),
                new Operation("PATCH", endpoint, "{\"customPrivateDnsMappings\":[]}"),
                new Operation("DELETE", endpoint, null));
    }

    @Test
    void theOperationsListCoversEveryClickPipesOperationOfThePublishedApi() {
        var spec = dev.pipedeck.testsupport.OpenApiSpec.loadOrSkip();
        for (Operation operation : operations()) {
            if (!operation.path().contains("/clickpipes/cdcScaling")) {
                assertThat(spec.operation(operation.method(), "/v1" + operation.path())).as(operation.toString())
                        .isNotNull();
            }
        }
        assertThat(operations().stream().filter(o -> o.path().contains("clickpipes"))).as("the spec's 17 ClickPipes "
                + "operations and the organization-level CDC path").hasSize(18);
    }

    @Test
    void everyApiOperationWithEveryKindOfCredential() throws Exception {
        Map<Credential, String> credentials = credentials();
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations()) {
            for (Credential credential : Credential.values()) {
                long received = UPSTREAM.cloud.received().size();
                long lastAudit = lastAuditId();
                MockHttpServletRequestBuilder call = request(HttpMethod.valueOf(operation.method()),
                        "/api/v1" + operation.path()).header("Cache-Control", "no-cache");
                if (credentials.get(credential) != null) {
                    call.header("Authorization", credentials.get(credential));
                }
                if (operation.body() != null) {
                    call.contentType(MediaType.APPLICATION_JSON).content(operation.body());
                }
                MockHttpServletResponse response = mvc.perform(call).andReturn().getResponse();
                int status = response.getStatus();
                long sent = UPSTREAM.cloud.received().size() - received;
                String what = operation + " with " + credential + " → " + status + ", " + sent + " sent upstream";
                boolean read = operation.method().equals("GET");
                switch (credential) {
                    case ANONYMOUS, REVOKED, DISABLED_USER, WRONG_SECRET -> {
                        if (status != 401 || sent != 0) {
                            wrong.add(what + " (expected 401, nothing sent)");
                        }
                    }
                    case VIEWER -> {
                        if (read ? status == 401 || status == 403 : status != 403 || sent != 0) {
                            wrong.add(what + (read ? " (a read is allowed)" : " (expected 403, nothing sent)"));
                        }
                        if (!read && deniedSince(lastAudit).stream().noneMatch(s -> s.contains(operation.path()))) {
                            wrong.add(what + ": not audited as request.denied");
                        }
                    }
                    case OPERATOR, ADMIN -> {
                        if (status == 401 || status == 403) {
                            wrong.add(what + " (allowed)");
                        }
                        boolean mirrored = operation.path().contains("/services/" + RoleMatrixTest.SERVICE);
                        if (mirrored && sent != 1) {
                            wrong.add(what + " (expected exactly one request upstream)");
                        }
                    }
                    default -> throw new IllegalStateException();
                }
                assertThat(response.getContentType()).as(what).startsWith("application/json");
            }
        }
        assertThat(wrong).isEmpty();
    }

    // ---- what a viewer could forge

    @Test
    void aViewerWithAValidCsrfTokenIsStillRefusedAndAudited() throws Exception {
        String viewer = "forger-" + System.nanoTime();
        TestAccounts.create(accounts, viewer, Role.VIEWER);
        CookieSession session = SignedInBrowser.signIn(mvc, viewer);
        String pipePage = UPSTREAM.servicePath() + "/pipes/" + PIPE;
        String token = SignedInBrowser.csrfToken(session, pipePage);
        long changes = UPSTREAM.changesSent();
        long lastAudit = lastAuditId();

        for (MockHttpServletRequestBuilder forged : List.of(
                post(pipePage + "/state").header("X-CSRF-TOKEN", token).param("command", "stop"),
                post(pipePage + "/state").param("_csrf", token).param("command", "stop").header("HX-Request", "true"),
                post(pipePage + "/delete").param("_csrf", token).param("confirmName", "p").param("_method", "DELETE"),
                post(pipePage + "/settings").param("_csrf", token).header("X-HTTP-Method-Override", "GET")
                        .param("clickhouse_max_insert_threads", "9"),
                post(UPSTREAM.servicePath() + "/cdc-capacity").param("_csrf", token).param("cores", "8")
                        .header("X-HTTP-Method", "GET").header("X-Method-Override", "GET"),
                post("/users").param("_csrf", token).param("username", "sneaky").param("password", "a long passphrase!")
                        .param("role", "ADMIN"))) {
            MockHttpServletResponse response = session.perform(forged).andReturn().getResponse();
            assertThat(response.getStatus()).as("forged by a viewer").isEqualTo(403);
        }
        assertThat(UPSTREAM.changesSent()).as("nothing sent to ClickHouse Cloud").isEqualTo(changes);
        assertThat(jdbc.queryForObject("select count(*) from account where username = 'sneaky'", Integer.class)).isZero();
        assertThat(deniedSince(lastAudit)).as("each refusal audited as request.denied").hasSize(6);
        assertThat(jdbc.queryForList("select actor from audit_record where id > ? and action = "
                + "'request.denied'", String.class, lastAudit)).containsOnly(viewer);
    }

    @Test
    void aMethodOverrideNeverTurnsAReadIntoAChange() throws Exception {
        long changes = UPSTREAM.changesSent();
        String pipePage = UPSTREAM.servicePath() + "/pipes/" + PIPE;
        MockHttpServletResponse confirm = mvc.perform(get(pipePage + "/delete").param("_method", "POST")
                .param("confirmName", "p").header("X-HTTP-Method-Override", "POST")
                .with(user("override-operator").roles("OPERATOR"))).andReturn().getResponse();
        assertThat(confirm.getStatus()).as("still the confirmation page, a read").isEqualTo(200);

        NewApiToken viewer = token("override-viewer-" + System.nanoTime(), Role.VIEWER, Role.VIEWER);
        String pipe = "/api/v1" + UPSTREAM.servicePath() + "/clickpipes/" + PIPE;
        int before = UPSTREAM.cloud.received().size();
        MockHttpServletResponse read = mvc.perform(get(pipe).param("_method", "DELETE")
                .header("X-HTTP-Method-Override", "DELETE").header("Authorization", basic(viewer))
                .header("Cache-Control", "no-cache")).andReturn().getResponse();
        assertThat(read.getStatus()).isNotIn(401, 403);
        assertThat(UPSTREAM.cloud.received().subList(before, UPSTREAM.cloud.received().size()))
                .as("a read went upstream as a read").allSatisfy(call -> assertThat(call.method()).isEqualTo("GET"));
        MockHttpServletResponse change = mvc.perform(request(HttpMethod.DELETE, pipe)
                .header("X-HTTP-Method-Override", "GET").header("Authorization", basic(viewer))).andReturn()
                .getResponse();
        assertThat(change.getStatus()).as("a viewer's DELETE dressed as a GET").isEqualTo(403);
        assertThat(UPSTREAM.changesSent()).isEqualTo(changes);
    }

    // ---- helpers

    private Map<Credential, String> credentials() {
        Map<Credential, String> credentials = new LinkedHashMap<>();
        long now = System.nanoTime();
        credentials.put(Credential.ANONYMOUS, null);
        credentials.put(Credential.VIEWER, basic(token("api-viewer-" + now, Role.VIEWER, Role.VIEWER)));
        credentials.put(Credential.OPERATOR, basic(token("api-operator-" + now, Role.OPERATOR, Role.OPERATOR)));
        credentials.put(Credential.ADMIN, basic(token("api-admin-" + now, Role.ADMIN, Role.ADMIN)));
        String revokedOwner = "api-revoked-" + now;
        NewApiToken revoked = token(revokedOwner, Role.OPERATOR, Role.OPERATOR);
        TestAccounts.as(revokedOwner, Role.OPERATOR, () -> tokens.revoke(revokedOwner, revoked.token().getTokenId()));
        credentials.put(Credential.REVOKED, basic(revoked));
        String disabledOwner = "api-disabled-" + now;
        Account owner = TestAccounts.create(accounts, disabledOwner, Role.OPERATOR);
        NewApiToken disabled = TestAccounts.as(disabledOwner, Role.OPERATOR,
                () -> tokens.create(disabledOwner, "proof", Role.OPERATOR, null));
        TestAccounts.asAdmin(() -> accounts.setEnabled(owner.getId(), false));
        credentials.put(Credential.DISABLED_USER, basic(disabled));
        credentials.put(Credential.WRONG_SECRET, "Basic " + Base64.getEncoder().encodeToString(
                (revoked.token().getTokenId() + ":not-the-secret").getBytes(StandardCharsets.UTF_8)));
        return credentials;
    }

    private NewApiToken token(String username, Role accountRole, Role tokenRole) {
        TestAccounts.create(accounts, username, accountRole);
        return TestAccounts.as(username, accountRole, () -> tokens.create(username, "proof", tokenRole, null));
    }

    private static String basic(NewApiToken token) {
        return "Basic " + Base64.getEncoder().encodeToString((token.token().getTokenId() + ":" + token.secret())
                .getBytes(StandardCharsets.UTF_8));
    }

    private long lastAuditId() {
        return jdbc.queryForObject("select coalesce(max(id), 0) from audit_record", Long.class);
    }

    /** The request summaries of the request.denied records after {@code lastAudit}. */
    private List<String> deniedSince(long lastAudit) {
        return jdbc.queryForList("select request_summary from audit_record where id > ? and action = 'request.denied'",
                String.class, lastAudit);
    }

    private static boolean allowed(RoleMatrixTest.Access access, Role role) {
        return switch (access) {
            case PUBLIC -> true;
            case SIGNED_IN -> role != null;
            case VIEWER -> role != null && role.includes(Role.VIEWER);
            case OPERATOR -> role != null && role.includes(Role.OPERATOR);
            case ADMIN -> role != null && role.includes(Role.ADMIN);
        };
    }
}
