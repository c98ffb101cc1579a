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

import dev.pipedeck.orgs.ConnectionForm;
import dev.pipedeck.orgs.OrgConnectionService;
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
                new Route(HttpMethod.GET, "/actuator/metrics", Access.ADMIN, Map.of()),
                // --- Home dashboard: a service's tile, and waking an idle service ({org}: DashboardCloud) ---
                new Route(HttpMethod.GET, "/organizations/{org}/services/svc-idle/tile", Access.VIEWER, Map.of()),
                new Route(HttpMethod.POST, "/organizations/{org}/services/svc-idle/wake", Access.OPERATOR, Map.of()));
    }

    /**
     * A connection for the dashboard's routes, to a local stand-in for ClickHouse Cloud with one idle service: made
     * on first use, removed (and the stand-in stopped) after the class.
     */
    static final class DashboardCloud {
        static FakeCloud cloud;
        static String organizationId;
        static JdbcTemplate jdbc;

        static String organizationId(OrgConnectionService connections, JdbcTemplate jdbcTemplate) {
            if (cloud == null) {
                cloud = new FakeCloud();
                organizationId = UUID.randomUUID().toString();
                jdbc = jdbcTemplate;
                String service = "{\"id\":\"svc-idle\",\"name\":\"sleepy\",\"state\":\"idle\"}";
                cloud.ok("GET", "/organizations/" + organizationId + "/services", "[" + service + "]");
                cloud.ok("GET", "/organizations/" + organizationId + "/services/svc-idle", service);
                cloud.ok("PATCH", "/organizations/" + organizationId + "/services/svc-idle/state",
                        service.replace("idle\"}", "awaking\"}"));
                TestAccounts.asAdmin(() -> {
                    ConnectionForm form = new ConnectionForm();
                    form.setDisplayName("Role matrix");
                    form.setOrganizationId(organizationId);
                    form.setKeyId("MatrixKey01");
                    form.setKeySecret("MatrixSecret01");
                    form.setBaseUrl(cloud.baseUrl());
                    form.setBudgetRequests(1000);
                    form.setBudgetWindowSeconds(1);
                    form.setSaveUnverified(true);
                    return connections.create(form);
                });
            }
            return organizationId;
        }

        static void remove() {
            if (cloud != null) {
                jdbc.update("delete from org_connection where organization_id = ?", organizationId);
                cloud.close();
                cloud = null;
            }
        }
    }

    @AfterAll
    static void removeDashboardCloud() {
        DashboardCloud.remove();
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

    @Autowired
    OrgConnectionService connections;

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void eachRoleGetsExactlyWhatItIsAllowed(Route route, Role role) throws Exception {
        long target = TestAccounts.create(accounts, "target-" + System.nanoTime(), Role.VIEWER).getId();
        List<Map<String, Object>> before = accountsTable();

        MockHttpServletRequestBuilder request = MockMvcRequestBuilders
                .request(route.method(), route.path().replace("{target}", Long.toString(target))
                        .replace("{org}", route.path().contains("{org}")
                                ? DashboardCloud.organizationId(connections, jdbc) : ""))
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
