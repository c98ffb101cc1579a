package dev.pipedeck.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * For every route, each role (and anonymous) gets exactly what the role model allows: VIEWER reads, OPERATOR
 * changes pipes, ADMIN also manages accounts. Denied requests get 403 (anonymous: the login page) and change
 * nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
public class RoleMatrixTest {

    /** Who may use a route: anyone, any signed-in user, or a role and those above it. */
    public enum Access { PUBLIC, SIGNED_IN, VIEWER, OPERATOR, ADMIN }

    public record Route(HttpMethod method, String path, Access access, Map<String, String> params) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public static List<Route> routes() {
        return List.of(
                new Route(HttpMethod.GET, "/", Access.VIEWER, Map.of()),
                new Route(HttpMethod.GET, "/login", Access.PUBLIC, Map.of()),
                new Route(HttpMethod.GET, "/setup", Access.PUBLIC, Map.of()),
                new Route(HttpMethod.GET, "/account", Access.SIGNED_IN, Map.of()),
                new Route(HttpMethod.POST, "/account/password", Access.SIGNED_IN,
                        Map.of("currentPassword", "x", "newPassword", "y", "confirmPassword", "y")),
                new Route(HttpMethod.GET, "/users", Access.ADMIN, Map.of()),
                new Route(HttpMethod.GET, "/users/{target}", Access.ADMIN, Map.of()),
                new Route(HttpMethod.POST, "/users", Access.ADMIN,
                        Map.of("username", "newcomer", "password", "another long passphrase", "role", "VIEWER")),
                new Route(HttpMethod.POST, "/users/{target}/role", Access.ADMIN, Map.of("role", "ADMIN")),
                new Route(HttpMethod.POST, "/users/{target}/enabled", Access.ADMIN, Map.of("enabled", "false")),
                new Route(HttpMethod.POST, "/users/{target}/password", Access.ADMIN,
                        Map.of("newPassword", "a brand new passphrase")),
                new Route(HttpMethod.POST, "/account/tokens", Access.SIGNED_IN, Map.of("name", "ci", "role", "VIEWER")),
                // ---- Two-step sign-in: the code page of a pending sign-in, the user's own enrolment, an admin's reset ----
                new Route(HttpMethod.GET, "/login/code", Access.PUBLIC, Map.of()),
                new Route(HttpMethod.GET, "/account/second-factor", Access.SIGNED_IN, Map.of()),
                new Route(HttpMethod.POST, "/account/second-factor/start", Access.SIGNED_IN, Map.of()),
                new Route(HttpMethod.POST, "/account/second-factor/confirm", Access.SIGNED_IN, Map.of("code", "123456")),
                new Route(HttpMethod.POST, "/account/second-factor/recovery-codes", Access.SIGNED_IN,
                        Map.of("code", "123456")),
                new Route(HttpMethod.POST, "/account/second-factor/disable", Access.SIGNED_IN, Map.of("code", "123456")),
                new Route(HttpMethod.POST, "/users/{target}/second-factor/reset", Access.ADMIN, Map.of()),
                new Route(HttpMethod.GET, "/organizations", Access.VIEWER, Map.of()),
                new Route(HttpMethod.GET, "/organizations/new", Access.ADMIN, Map.of()),
                new Route(HttpMethod.GET, "/organizations/master-key", Access.ADMIN, Map.of()),
                new Route(HttpMethod.POST, "/organizations", Access.ADMIN, Map.of("displayName", "x")),
                new Route(HttpMethod.POST, "/organizations/master-key/reencrypt", Access.ADMIN, Map.of()),
                new Route(HttpMethod.GET, "/audit", Access.VIEWER, Map.of()),
                new Route(HttpMethod.POST, "/audit/verify", Access.ADMIN, Map.of()),
                // ---- Alerts: everyone reads, admins change (a rule and a channel exist: see prepareAlerts) ----
                new Route(HttpMethod.GET, "/alerts", Access.VIEWER, Map.of()),
                new Route(HttpMethod.GET, "/alerts/rules", Access.VIEWER, Map.of()),
                new Route(HttpMethod.GET, "/alerts/rules/new", Access.ADMIN, Map.of()),
                new Route(HttpMethod.POST, "/alerts/rules", Access.ADMIN, Map.of("name", "")),
                new Route(HttpMethod.GET, "/alerts/rules/{rule}/edit", Access.ADMIN, Map.of()),
                new Route(HttpMethod.POST, "/alerts/rules/{rule}", Access.ADMIN, Map.of("name", "")),
                new Route(HttpMethod.POST, "/alerts/rules/{rule}/enabled", Access.ADMIN, Map.of("enabled", "false")),
                new Route(HttpMethod.POST, "/alerts/rules/{rule}/delete", Access.ADMIN, Map.of()),
                new Route(HttpMethod.GET, "/alerts/channels", Access.VIEWER, Map.of()),
                new Route(HttpMethod.GET, "/alerts/channels/new", Access.ADMIN, Map.of()),
                new Route(HttpMethod.POST, "/alerts/channels", Access.ADMIN, Map.of("name", "")),
                new Route(HttpMethod.GET, "/alerts/channels/{channel}/edit", Access.ADMIN, Map.of()),
                new Route(HttpMethod.POST, "/alerts/channels/{channel}", Access.ADMIN, Map.of("name", "")),
                new Route(HttpMethod.POST, "/alerts/channels/{channel}/test", Access.ADMIN, Map.of()),
                new Route(HttpMethod.POST, "/alerts/channels/{channel}/delete", Access.ADMIN, Map.of()),
                new Route(HttpMethod.GET, "/actuator/health", Access.PUBLIC, Map.of()),
                new Route(HttpMethod.GET, "/actuator/health/liveness", Access.PUBLIC, Map.of()),
                new Route(HttpMethod.GET, "/actuator/health/readiness", Access.PUBLIC, Map.of()),
                new Route(HttpMethod.GET, "/actuator/info", Access.ADMIN, Map.of()),
                new Route(HttpMethod.GET, "/actuator/metrics", Access.ADMIN, Map.of()),

                // ---- A pipe's page (its ClickHouse Cloud answers 404 for the pipe: the page says so) ----
                new Route(HttpMethod.GET, PIPE, Access.VIEWER, Map.of()),
                new Route(HttpMethod.GET, PIPE + "/state", Access.VIEWER, Map.of()),
                new Route(HttpMethod.POST, PIPE + "/state", Access.OPERATOR, Map.of("command", "stop")),
                new Route(HttpMethod.POST, PIPE + "/scaling", Access.OPERATOR,
                        Map.of("replicas", "2", "replicaCpuMillicores", "500", "replicaMemoryGb", "2")),
                new Route(HttpMethod.GET, PIPE + "/delete", Access.VIEWER, Map.of()),
                new Route(HttpMethod.POST, PIPE + "/delete", Access.OPERATOR, Map.of("confirmName", "x")),
                new Route(HttpMethod.GET, PIPE + "/settings", Access.VIEWER, Map.of()),
                new Route(HttpMethod.POST, PIPE + "/settings", Access.OPERATOR,
                        Map.of("clickhouse_max_insert_threads", "3", "seen.clickhouse_max_insert_threads", "1",
                                "seenUpdatedAt", "2025-03-01T10:00:00Z")),
                new Route(HttpMethod.GET, SERVICE_PAGE + "/cdc-capacity", Access.VIEWER, Map.of()),
                new Route(HttpMethod.POST, SERVICE_PAGE + "/cdc-capacity", Access.OPERATOR, Map.of("cores", "4")),
                new Route(HttpMethod.GET, SERVICE_PAGE + "/tile", Access.VIEWER, Map.of()),
                // ---- The creation wizard (its drafts are their owners' only: WizardPagesTest) ----
                new Route(HttpMethod.GET, SERVICE_PAGE + "/pipes/new", Access.OPERATOR, Map.of()),
                new Route(HttpMethod.POST, SERVICE_PAGE + "/pipes/new", Access.OPERATOR, Map.of("kind", "kinesis")),
                new Route(HttpMethod.POST, PIPE + "/duplicate", Access.OPERATOR, Map.of()),
                new Route(HttpMethod.POST, SERVICE_PAGE + "/wake", Access.OPERATOR, Map.of()),

                // ---- A service's pipes list, and the row a pipe in a transient state polls ----
                new Route(HttpMethod.GET, SERVICE_PAGE + "/pipes", Access.VIEWER,
                        Map.of("q", "x", "state", "Running", "sort", "updated", "page", "2")),
                new Route(HttpMethod.GET, PIPE + "/row", Access.VIEWER, Map.of()),

                // ---- Pipe health: the pipe page's charts, the list's badges and sparklines, a tile's counts ----
                new Route(HttpMethod.GET, PIPE + "/health", Access.VIEWER, Map.of("window", "24h")),
                new Route(HttpMethod.GET, SERVICE_PAGE + "/pipes/health", Access.VIEWER, Map.of("ids", PIPE_ID)),
                new Route(HttpMethod.GET, SERVICE_PAGE + "/tile/health", Access.VIEWER, Map.of()),

                // ---- Reverse private endpoints (a connected organization, answered by UPSTREAM below) ----
                new Route(HttpMethod.GET, ENDPOINTS_PAGE, Access.VIEWER, Map.of()),
                new Route(HttpMethod.GET, ENDPOINTS_PAGE + "/{endpoint}", Access.VIEWER, Map.of()),
                new Route(HttpMethod.POST, ENDPOINTS_PAGE, Access.OPERATOR, Map.of("type", "VPC_ENDPOINT_SERVICE",
                        "vpcEndpointServiceName", "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0")),
                new Route(HttpMethod.POST, ENDPOINTS_PAGE + "/{endpoint}/dns", Access.OPERATOR,
                        Map.of("privateDnsNames[0]", "db.example.internal")),
                new Route(HttpMethod.POST, ENDPOINTS_PAGE + "/{endpoint}/delete", Access.OPERATOR, Map.of()));
    }

    // ---- A connected organization for the service pages, its ClickHouse Cloud a FakeCloud ----

    static final String ORGANIZATION = UUID.randomUUID().toString();
    public static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-0000000000aa";
    public static final String ENDPOINT = "11111111-2222-4333-8444-0000000000aa";
    public static final String PIPE_ID = "9e8d7c6b-1111-4222-8333-00000000e002";
    static final String SERVICE_PAGE = "/organizations/{org}/services/{service}";
    static final String PIPE = SERVICE_PAGE + "/pipes/" + PIPE_ID;
    static final String ENDPOINTS_PAGE = "/organizations/{org}/services/{service}/private-endpoints";
    static final FakeCloud UPSTREAM = new FakeCloud();

    static {
        answerTheRoutes(UPSTREAM, ORGANIZATION);
    }

    /** Makes {@code cloud} answer what the routes above read and change for {@code organization}. */
    public static FakeCloud answerTheRoutes(FakeCloud cloud, String organization) {
        String service = "/organizations/" + organization + "/services/" + SERVICE;
        String endpoint = "{\"id\":\"" + ENDPOINT + "\",\"description\":\"Brokers\",\"type\":\"VPC_ENDPOINT_SERVICE\","
                + "\"status\":\"Ready\",\"customPrivateDnsMappings\":[]}";
        cloud.ok("GET", service, "{\"id\":\"" + SERVICE + "\",\"name\":\"matrix-service\",\"state\":\"idle\"}")
                .ok("PATCH", service + "/state", "{\"id\":\"" + SERVICE + "\",\"name\":\"matrix-service\",\"state\":\"awaking\"}")
                .ok("GET", service + "/clickpipes", "[]")
                .ok("GET", service + "/clickpipesReversePrivateEndpoints", "[" + endpoint + "]")
                .ok("POST", service + "/clickpipesReversePrivateEndpoints", endpoint)
                .ok("GET", service + "/clickpipesReversePrivateEndpoints/" + ENDPOINT, endpoint)
                .ok("PATCH", service + "/clickpipesReversePrivateEndpoints/" + ENDPOINT, endpoint)
                .ok("DELETE", service + "/clickpipesReversePrivateEndpoints/" + ENDPOINT, "null")
                .ok("GET", service + "/clickpipes/" + PIPE_ID, "{\"id\":\"" + PIPE_ID + "\",\"name\":\"p\","
                        + "\"source\":{\"kafka\":{}},\"updatedAt\":\"2025-03-01T10:00:00Z\"}")
                .ok("GET", service + "/clickpipes/" + PIPE_ID + "/settings", "{\"clickhouse_max_insert_threads\":1}")
                .ok("PUT", service + "/clickpipes/" + PIPE_ID + "/settings", "{\"clickhouse_max_insert_threads\":3}")
                .ok("GET", service + "/clickpipesCdcScaling", "{\"replicaCpuMillicores\":2000,\"replicaMemoryGb\":8}")
                .ok("PATCH", service + "/clickpipesCdcScaling", "{\"replicaCpuMillicores\":4000,\"replicaMemoryGb\":16}");
        return cloud;
    }

    @BeforeEach
    void connectTheOrganization() throws Exception {
        if (jdbc.queryForObject("select count(*) from org_connection where organization_id = ?", Integer.class,
                ORGANIZATION) == 0) {
            mvc.perform(MockMvcRequestBuilders.post("/organizations").with(csrf()).with(user("admin").roles("ADMIN"))
                    .param("displayName", "Matrix org").param("organizationId", ORGANIZATION)
                    .param("keyId", "MatrixKey01").param("keySecret", "MatrixKeySecret99")
                    .param("baseUrl", UPSTREAM.baseUrl()).param("budgetRequests", "1000")
                    .param("budgetWindowSeconds", "10").param("saveUnverified", "true"));
        }
    }

    /**
     * A rule and a channel for the alert routes, made again when a previous case deleted them. The channel's webhook
     * points at a closed local port, so its test notification fails at once.
     */
    @BeforeEach
    void prepareAlerts() {
        if (jdbc.queryForObject("select count(*) from alert_channel where name = 'Matrix channel'", Integer.class) == 0) {
            jdbc.update("insert into alert_channel (name, kind, target_hint, created_at, updated_at) "
                    + "values ('Matrix channel', 'WEBHOOK', 'http://127.0.0.1:9', current_timestamp, current_timestamp)");
        }
        if (jdbc.queryForObject("select count(*) from alert_rule where name = 'Matrix rule'", Integer.class) == 0) {
            jdbc.update("insert into alert_rule (name, scope, health_states, for_seconds, repeat_seconds, enabled, "
                    + "created_at, updated_at) values ('Matrix rule', 'ALL', 'STALLED', 0, 0, true, current_timestamp, "
                    + "current_timestamp)");
        }
    }

    private String alertIds(String path) {
        return path.replace("{rule}", jdbc.queryForObject("select id from alert_rule where name = 'Matrix rule'",
                String.class)).replace("{channel}", jdbc.queryForObject(
                        "select id from alert_channel where name = 'Matrix channel'", String.class));
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    /** Changes ClickHouse Cloud received (anything but reads). */
    private static long changesSentUpstream() {
        return UPSTREAM.received().stream().filter(received -> !received.method().equals("GET")).count();
    }


    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Route route : routes()) {
            cases.add(Arguments.of(route, null));
            for (Role role : Role.values()) {
                cases.add(Arguments.of(route, role));
            }
        }
        return cases.stream();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void eachRoleGetsExactlyWhatItIsAllowed(Route route, Role role) throws Exception {
        long target = TestAccounts.create(accounts, "target-" + System.nanoTime(), Role.VIEWER).getId();
        List<Map<String, Object>> before = accountsTable();

        long changesBefore = changesSentUpstream();

        MockHttpServletRequestBuilder request = MockMvcRequestBuilders
                .request(route.method(), alertIds(route.path()).replace("{target}", Long.toString(target))
                        .replace("{org}", ORGANIZATION).replace("{service}", SERVICE).replace("{endpoint}", ENDPOINT))
                .with(csrf());
        route.params().forEach(request::param);
        if (role != null) {
            request.with(user("matrix-" + role.name().toLowerCase()).roles(role.name()));
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();

        if (allowed(route.access(), role)) {
            assertThat(response.getStatus()).as("%s as %s is allowed", route, role).isNotIn(401, 403, 404, 405);
            assertThat(String.valueOf(response.getRedirectedUrl())).as("not sent to sign in").doesNotContain("/login");
        } else if (role == null) {
            assertThat(response.getStatus()).as("%s anonymously", route).isEqualTo(302);
            assertThat(response.getRedirectedUrl()).endsWith("/login");
            assertThat(accountsTable()).as("nothing changed").isEqualTo(before);
            assertThat(changesSentUpstream()).as("nothing sent to ClickHouse Cloud").isEqualTo(changesBefore);
        } else {
            assertThat(response.getStatus()).as("%s as %s is refused", route, role).isEqualTo(403);
            assertThat(accountsTable()).as("nothing changed").isEqualTo(before);
            assertThat(changesSentUpstream()).as("nothing sent to ClickHouse Cloud").isEqualTo(changesBefore);
        }
    }

    private static boolean allowed(Access access, Role role) {
        return switch (access) {
            case PUBLIC -> true;
            case SIGNED_IN -> role != null;
            case VIEWER -> role != null && role.includes(Role.VIEWER);
            case OPERATOR -> role != null && role.includes(Role.OPERATOR);
            case ADMIN -> role != null && role.includes(Role.ADMIN);
        };
    }

    private List<Map<String, Object>> accountsTable() {
        return jdbc.queryForList("select * from account order by id");
    }

    // ---- Pipe edit page: one pipe's edit routes, against a local stand-in for ClickHouse Cloud ----

    /** The edit routes of one pipe: viewers read, operators change; a refusal sends nothing to ClickHouse Cloud. */
    @Nested
    class PipeEditRoutes {

        static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-00000000d001";
        static final String PIPE = "9e8d7c6b-1111-4222-8333-00000000d002";

        FakeCloud cloud;
        String edit;

        static Stream<Arguments> pipeEditMatrix() {
            List<Route> routes = List.of(
                    new Route(HttpMethod.GET, "/edit", Access.VIEWER, Map.of()),
                    new Route(HttpMethod.POST, "/edit/name", Access.OPERATOR, Map.of("name", "")),
                    new Route(HttpMethod.POST, "/edit/credentials", Access.OPERATOR, Map.of("password", "")),
                    new Route(HttpMethod.POST, "/edit/mappings", Access.OPERATOR, Map.of("addRow", "1")));
            List<Arguments> cases = new ArrayList<>();
            for (Route route : routes) {
                cases.add(Arguments.of(route, null));
                for (Role role : Role.values()) {
                    cases.add(Arguments.of(route, role));
                }
            }
            return cases.stream();
        }

        @BeforeEach
        void connect() throws Exception {
            cloud = new FakeCloud();
            String organizationId = UUID.randomUUID().toString();
            mvc.perform(MockMvcRequestBuilders.post("/organizations").with(csrf()).with(user("admin").roles("ADMIN"))
                    .param("displayName", "Matrix org").param("organizationId", organizationId)
                    .param("keyId", "MatrixKey1").param("keySecret", "MatrixKeySecret9").param("baseUrl", cloud.baseUrl())
                    .param("budgetRequests", "100").param("budgetWindowSeconds", "10").param("saveUnverified", "true"));
            String service = "/organizations/" + organizationId + "/services/" + SERVICE;
            cloud.ok("GET", service, "{\"id\":\"" + SERVICE + "\",\"name\":\"analytics\"}");
            cloud.ok("GET", service + "/clickpipes/" + PIPE, "{\"id\":\"" + PIPE + "\",\"name\":\"orders\","
                    + "\"state\":\"Running\",\"source\":{\"postgres\":{\"host\":\"db.example.com\",\"port\":5432,"
                    + "\"tableMappings\":[{\"sourceSchemaName\":\"public\",\"sourceTable\":\"orders\","
                    + "\"targetTable\":\"public_orders\"}]}},\"updatedAt\":\"2026-11-20T10:00:00Z\"}");
            edit = service + "/pipes/" + PIPE;
        }

        @AfterEach
        void disconnect() {
            cloud.close();
        }

        @ParameterizedTest(name = "{0} as {1}")
        @MethodSource("pipeEditMatrix")
        void eachRoleGetsExactlyWhatItIsAllowed(Route route, Role role) throws Exception {
            MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(route.method(), edit + route.path())
                    .with(csrf());
            route.params().forEach(request::param);
            if (role != null) {
                request.with(user("matrix-" + role.name().toLowerCase()).roles(role.name()));
            }
            MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();

            if (allowed(route.access(), role)) {
                assertThat(response.getStatus()).as("%s as %s is allowed", route, role).isNotIn(401, 403, 404, 405);
                assertThat(String.valueOf(response.getRedirectedUrl())).doesNotContain("/login");
            } else if (role == null) {
                assertThat(response.getStatus()).as("%s anonymously", route).isEqualTo(302);
                assertThat(response.getRedirectedUrl()).endsWith("/login");
            } else {
                assertThat(response.getStatus()).as("%s as %s is refused", route, role).isEqualTo(403);
            }
            assertThat(cloud.received()).as("nothing but reads reached ClickHouse Cloud")
                    .allSatisfy(call -> assertThat(call.method()).isEqualTo("GET"));
        }

        @Test
        void aTableMappingJobPageNeedsSignInAndHidesJobsOfOthers() throws Exception {
            String job = edit + "/edit/jobs/" + UUID.randomUUID();
            MockHttpServletResponse anonymous = mvc.perform(MockMvcRequestBuilders.get(job)).andReturn().getResponse();
            assertThat(anonymous.getStatus()).isEqualTo(302);
            assertThat(anonymous.getRedirectedUrl()).endsWith("/login");
            for (Role role : Role.values()) {
                assertThat(mvc.perform(MockMvcRequestBuilders.get(job).with(user("matrix-" + role.name().toLowerCase())
                        .roles(role.name()))).andReturn().getResponse().getStatus()).as("%s", role).isEqualTo(404);
            }
        }
    }
}
