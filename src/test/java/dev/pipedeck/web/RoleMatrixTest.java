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
import org.junit.jupiter.api.BeforeEach;
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
class RoleMatrixTest {

    /** Who may use a route: anyone, any signed-in user, or a role and those above it. */
    enum Access { PUBLIC, SIGNED_IN, VIEWER, OPERATOR, ADMIN }

    record Route(HttpMethod method, String path, Access access, Map<String, String> params) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Route> routes() {
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
                new Route(HttpMethod.GET, "/organizations", Access.VIEWER, Map.of()),
                new Route(HttpMethod.GET, "/organizations/new", Access.ADMIN, Map.of()),
                new Route(HttpMethod.GET, "/organizations/master-key", Access.ADMIN, Map.of()),
                new Route(HttpMethod.POST, "/organizations", Access.ADMIN, Map.of("displayName", "x")),
                new Route(HttpMethod.POST, "/organizations/master-key/reencrypt", Access.ADMIN, Map.of()),
                new Route(HttpMethod.GET, "/audit", Access.VIEWER, Map.of()),
                new Route(HttpMethod.POST, "/audit/verify", Access.ADMIN, Map.of()),
                new Route(HttpMethod.GET, "/actuator/health", Access.PUBLIC, Map.of()),
                new Route(HttpMethod.GET, "/actuator/health/liveness", Access.PUBLIC, Map.of()),
                new Route(HttpMethod.GET, "/actuator/health/readiness", Access.PUBLIC, Map.of()),
                new Route(HttpMethod.GET, "/actuator/info", Access.ADMIN, Map.of()),
                new Route(HttpMethod.GET, "/actuator/metrics", Access.ADMIN, Map.of()));
    }

    // ---- Pipe settings and CDC capacity: against a connection to a local stand-in for ClickHouse Cloud ----

    static final String SETTINGS_ORG = UUID.randomUUID().toString();
    static final String SETTINGS_SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-00000000e001";
    static final String SETTINGS_PIPE = "9e8d7c6b-1111-4222-8333-00000000e002";
    static final FakeCloud SETTINGS_CLOUD = settingsCloud();

    static List<Route> settingsAndCdcRoutes() {
        String service = "/organizations/" + SETTINGS_ORG + "/services/" + SETTINGS_SERVICE;
        return List.of(
                new Route(HttpMethod.GET, service + "/pipes/" + SETTINGS_PIPE + "/settings", Access.VIEWER, Map.of()),
                new Route(HttpMethod.POST, service + "/pipes/" + SETTINGS_PIPE + "/settings", Access.OPERATOR,
                        Map.of("clickhouse_max_insert_threads", "3", "seen.clickhouse_max_insert_threads", "1",
                                "seenUpdatedAt", "2025-03-01T10:00:00Z")),
                new Route(HttpMethod.GET, service + "/cdc-capacity", Access.VIEWER, Map.of()),
                new Route(HttpMethod.POST, service + "/cdc-capacity", Access.OPERATOR, Map.of("cores", "4")));
    }

    private static FakeCloud settingsCloud() {
        String service = "/organizations/" + SETTINGS_ORG + "/services/" + SETTINGS_SERVICE;
        String pipe = service + "/clickpipes/" + SETTINGS_PIPE;
        return new FakeCloud()
                .ok("GET", service, "{\"id\":\"" + SETTINGS_SERVICE + "\",\"name\":\"matrix\"}")
                .ok("GET", pipe, "{\"id\":\"" + SETTINGS_PIPE + "\",\"name\":\"p\",\"source\":{\"kafka\":{}},"
                        + "\"updatedAt\":\"2025-03-01T10:00:00Z\"}")
                .ok("GET", pipe + "/settings", "{\"clickhouse_max_insert_threads\":1}")
                .ok("PUT", pipe + "/settings", "{\"clickhouse_max_insert_threads\":3}")
                .ok("GET", service + "/clickpipesCdcScaling", "{\"replicaCpuMillicores\":2000,\"replicaMemoryGb\":8}")
                .ok("PATCH", service + "/clickpipesCdcScaling", "{\"replicaCpuMillicores\":4000,\"replicaMemoryGb\":16}");
    }

    @BeforeEach
    void connectTheSettingsOrganization() throws Exception {
        if (jdbc.queryForObject("select count(*) from org_connection where organization_id = ?", Integer.class,
                SETTINGS_ORG) == 0) {
            mvc.perform(MockMvcRequestBuilders.post("/organizations").with(csrf()).with(user("admin").roles("ADMIN"))
                    .param("displayName", "Matrix org").param("organizationId", SETTINGS_ORG)
                    .param("keyId", "MatrixKey01").param("keySecret", "MatrixKeySecret99")
                    .param("baseUrl", SETTINGS_CLOUD.baseUrl()).param("budgetRequests", "1000")
                    .param("budgetWindowSeconds", "10").param("saveUnverified", "true"));
        }
    }

    @AfterAll
    static void stopTheSettingsCloud() {
        SETTINGS_CLOUD.close();
    }

    // ---- end of pipe settings and CDC capacity ----

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Route route : Stream.concat(routes().stream(), settingsAndCdcRoutes().stream()).toList()) {
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

        MockHttpServletRequestBuilder request = MockMvcRequestBuilders
                .request(route.method(), route.path().replace("{target}", Long.toString(target)))
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
        } else {
            assertThat(response.getStatus()).as("%s as %s is refused", route, role).isEqualTo(403);
            assertThat(accountsTable()).as("nothing changed").isEqualTo(before);
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
}
