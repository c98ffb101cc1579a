package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.SeedCurlExamples;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.ApiTokenService;
import dev.pipedeck.users.NewApiToken;
import dev.pipedeck.users.Role;
import tools.jackson.databind.json.JsonMapper;

/**
 * A script holding only a Pipedeck token runs the reference page's curl examples through {@code /api/v1}: they reach
 * (a local stand-in for) ClickHouse Cloud with their bodies intact (the page's {@code action} rewritten to
 * {@code command}), roles apply, refusals answer in the envelope and changes are audited.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ClickPipesProxyTest {

    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-000000000001";
    static final String PIPE = "9e8d7c6b-1111-4222-8333-000000000002";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService accounts;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    JdbcTemplate jdbc;

    FakeCloud cloud;
    String organizationId;

    @BeforeEach
    void connect() throws Exception {
        cloud = new FakeCloud();
        organizationId = UUID.randomUUID().toString();
        mvc.perform(post("/organizations").with(csrf()).with(user("admin").roles("ADMIN"))
                .param("displayName", "Proxy org").param("organizationId", organizationId).param("keyId", "ProxyKey01")
                .param("keySecret", "ProxyKeySecret99").param("baseUrl", cloud.baseUrl())
                .param("budgetRequests", "100").param("budgetWindowSeconds", "10").param("saveUnverified", "true"));
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void everyReferencePageCurlExampleReachesTheUpstreamIntactWithAToken() throws Exception {
        List<SeedCurlExamples.Example> examples = SeedCurlExamples.read(organizationId, SERVICE, PIPE);
        assertThat(examples).as("list, get, stop, start, delete and nine creates").hasSize(14);
        for (SeedCurlExamples.Example example : examples) {
            cloud.ok(example.method(), example.pathUnderV1(), "{\"id\":\"" + PIPE + "\",\"state\":\"Running\"}");
        }
        String token = basic(token("scripted-" + System.nanoTime(), Role.OPERATOR, Role.OPERATOR));

        for (SeedCurlExamples.Example example : examples) {
            int before = cloud.received().size();
            var call = request(HttpMethod.valueOf(example.method()), "/api/v1" + example.pathUnderV1())
                    .header("Authorization", token);
            if (example.body() != null) {
                call.contentType(MediaType.APPLICATION_JSON).content(example.body());
            }
            MockHttpServletResponse response = mvc.perform(call).andReturn().getResponse();
            assertThat(response.getStatus()).as(example.toString()).isEqualTo(200);
            assertThat(response.getContentAsString()).contains("\"result\"");

            FakeCloud.Received received = cloud.received().get(before);
            assertThat(received.method()).isEqualTo(example.method());
            assertThat(received.path()).isEqualTo("/v1" + example.pathUnderV1());
            assertThat(received.authorization()).as("the organization's key, not the caller's token")
                    .isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                            "ProxyKey01:ProxyKeySecret99".getBytes(StandardCharsets.UTF_8)));
            if (example.body() != null) {
                String expected = example.pathUnderV1().endsWith("/state")
                        ? example.body().replace("\"action\"", "\"command\"") : example.body();
                assertThat(JSON.readTree(received.body())).as(example.toString()).isEqualTo(JSON.readTree(expected));
                if (!example.pathUnderV1().endsWith("/state")) {
                    assertThat(received.body()).as("forwarded byte for byte").isEqualTo(example.body());
                }
            }
        }
        String audit = jdbc.queryForList("select action, outcome, channel, request_summary from audit_record "
                + "where organization_id = ?", organizationId).toString();
        assertThat(audit).contains("pipe.state.stop", "pipe.state.start", "pipe.delete", "pipe.create", "api")
                .contains("[redacted]").doesNotContain("ProxyKeySecret99");
    }

    @Test
    void viewersReadButTheirChangesAreRefusedAuditedAndNeverSent() throws Exception {
        String pipes = "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes";
        cloud.ok("GET", pipes, "[]");
        String viewer = basic(token("viewer-" + System.nanoTime(), Role.VIEWER, Role.VIEWER));

        assertThat(mvc.perform(get("/api/v1" + pipes).header("Authorization", viewer)).andReturn().getResponse()
                .getStatus()).isEqualTo(200);

        MockHttpServletResponse refused = mvc.perform(request(HttpMethod.PATCH, "/api/v1" + pipes + "/" + PIPE + "/state")
                .header("Authorization", viewer).contentType(MediaType.APPLICATION_JSON)
                .content("{\"command\":\"stop\"}")).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentAsString()).contains("\"status\":403", "\"requestId\"", "FORBIDDEN:");
        assertThat(cloud.count("PATCH", pipes + "/" + PIPE + "/state")).isZero();
        assertThat(jdbc.queryForList("select outcome, request_summary from audit_record where action = 'request.denied'")
                .toString()).contains("denied", "/state", "stop");
    }

    @Test
    void aTokenActsWithTheLowerOfItsRoleAndItsOwnersAndStopsWhenRevokedOrTheOwnerIsDisabled() throws Exception {
        String pipes = "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes";
        cloud.ok("POST", pipes, "{\"id\":\"new\"}");
        cloud.ok("GET", pipes, "[]");
        String username = "demoted-" + System.nanoTime();
        var owner = TestAccounts.create(accounts, username, Role.OPERATOR);
        NewApiToken created = TestAccounts.as(username, Role.OPERATOR, () -> tokens.create(username, "ci", Role.OPERATOR, 30));
        String auth = basic(created);

        assertThat(createThroughApi(pipes, auth).getStatus()).isEqualTo(200);
        TestAccounts.asAdmin(() -> accounts.changeRole(owner.getId(), Role.VIEWER));
        assertThat(createThroughApi(pipes, auth).getStatus()).as("owner now a viewer").isEqualTo(403);

        TestAccounts.as(username, Role.VIEWER, () -> tokens.revoke(username, created.token().getTokenId()));
        MockHttpServletResponse revoked = mvc.perform(get("/api/v1" + pipes).header("Authorization", auth))
                .andReturn().getResponse();
        assertThat(revoked.getStatus()).isEqualTo(401);
        assertThat(revoked.getHeader("WWW-Authenticate")).startsWith("Basic");
        assertThat(revoked.getContentAsString()).contains("UNAUTHORIZED:");
    }

    @Test
    void anonymousCallsGet401UnknownOrganizations404AndTheOrgLevelCdcPathNamesThePerServiceOne() throws Exception {
        MockHttpServletResponse anonymous = mvc.perform(get("/api/v1/organizations")).andReturn().getResponse();
        assertThat(anonymous.getStatus()).isEqualTo(401);
        assertThat(anonymous.getHeader("WWW-Authenticate")).contains("Basic");

        String auth = basic(token("reader-" + System.nanoTime(), Role.VIEWER, Role.VIEWER));
        MockHttpServletResponse unknown = mvc.perform(get("/api/v1/organizations/" + UUID.randomUUID()
                + "/services").header("Authorization", auth)).andReturn().getResponse();
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(unknown.getContentAsString()).contains("NOT_FOUND: Pipedeck has no connection");

        MockHttpServletResponse cdc = mvc.perform(get("/api/v1/organizations/" + organizationId
                + "/clickpipes/cdcScaling").header("Authorization", auth)).andReturn().getResponse();
        assertThat(cdc.getStatus()).isEqualTo(404);
        assertThat(cdc.getContentAsString()).contains("/services/{serviceId}/clickpipesCdcScaling");

        MockHttpServletResponse organizations = mvc.perform(get("/api/v1/organizations").header("Authorization", auth))
                .andReturn().getResponse();
        assertThat(organizations.getContentAsString()).contains(organizationId, "\"status\":200");
    }

    @Test
    void upstreamErrorsPassThroughInTheirEnvelopeAndAreAudited() throws Exception {
        String pipes = "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes";
        String error = "BAD_REQUEST: Invalid ClickPipe name";
        cloud.fail("POST", pipes, 400, error);
        MockHttpServletResponse response = createThroughApi(pipes, basic(token("bad-" + System.nanoTime(), Role.OPERATOR,
                Role.OPERATOR)));
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains(error, FakeCloud.requestIdFor(error));
        assertThat(jdbc.queryForList("select outcome, http_status, upstream_request_id from audit_record "
                + "where action = 'pipe.create' and organization_id = ?", organizationId).toString())
                .contains("upstream_error", "400", FakeCloud.requestIdFor(error));
    }

    private MockHttpServletResponse createThroughApi(String pipes, String auth) throws Exception {
        return mvc.perform(request(HttpMethod.POST, "/api/v1" + pipes).header("Authorization", auth)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}")).andReturn().getResponse();
    }

    private NewApiToken token(String username, Role accountRole, Role tokenRole) {
        TestAccounts.create(accounts, username, accountRole);
        return TestAccounts.as(username, accountRole, () -> tokens.create(username, "script", tokenRole, null));
    }

    private static String basic(NewApiToken token) {
        return "Basic " + Base64.getEncoder().encodeToString((token.token().getTokenId() + ":" + token.secret())
                .getBytes(StandardCharsets.UTF_8));
    }
}
