package dev.pipedeck.orgs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.pipedeck.testsupport.FakeCloud;

/**
 * An admin connects an organization: the key is verified against (a local stand-in for) ClickHouse Cloud, stored
 * encrypted, never shown again, audited without the secret; key health and services are read from the API.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class OrganizationConnectionsTest {

    static final String SECRET = "4b1dPlantedKeySecretZq9";
    static final String KEY_ID = "AbCdEfGhIjKlMnOpWxYz";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    FakeCloud cloud;
    String organizationId;

    @BeforeEach
    void startCloud() {
        cloud = new FakeCloud();
        organizationId = UUID.randomUUID().toString();
        cloud.ok("GET", "/organizations/" + organizationId,
                "{\"id\":\"" + organizationId + "\",\"name\":\"Acme Analytics\",\"createdAt\":\"2024-01-01T00:00:00Z\"}");
        cloud.ok("GET", "/organizations/" + organizationId + "/services",
                "[{\"id\":\"svc-1\",\"name\":\"prod-warehouse\",\"provider\":\"aws\",\"region\":\"us-east-1\",\"state\":\"running\"},"
                        + "{\"id\":\"svc-2\",\"name\":\"sleepy\",\"provider\":\"gcp\",\"region\":\"us-central1\",\"state\":\"idle\"}]");
        keys("enabled", Instant.now().plus(90, ChronoUnit.DAYS), "[{\"roleName\":\"Developer\",\"roleType\":\"system\"}]");
    }

    @AfterEach
    void stopCloud() {
        cloud.close();
    }

    @Test
    void anAdminConnectsAVerifiedOrganizationAndTheSecretIsNeverShownOrStoredInPlainText(CapturedOutput output)
            throws Exception {
        MockHttpServletResponse response = mvc.perform(createRequest(false).with(admin())).andReturn().getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/organizations/" + organizationId);

        FakeCloud.Received verification = cloud.received().get(0);
        assertThat(verification.path()).isEqualTo("/v1/organizations/" + organizationId);
        assertThat(verification.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString((KEY_ID + ":" + SECRET).getBytes()));

        Map<String, Object> row = jdbc.queryForMap("select * from org_connection where organization_id = ?",
                organizationId);
        assertThat(row.get("organization_name")).isEqualTo("Acme Analytics");
        assertThat(row.get("verified_at")).isNotNull();
        assertThat(String.valueOf(row.get("key_secret_ciphertext"))).isNotBlank().doesNotContain(SECRET);
        assertThat(new String(Base64.getDecoder().decode(String.valueOf(row.get("key_secret_ciphertext")))))
                .doesNotContain(SECRET);

        String detail = mvc.perform(get("/organizations/" + organizationId).with(viewer())).andReturn().getResponse()
                .getContentAsString();
        assertThat(detail).contains("Acme Analytics", "prod-warehouse", "sleepy", "idle", "Verified");
        String edit = mvc.perform(get("/organizations/" + organizationId + "/edit").with(admin())).andReturn()
                .getResponse().getContentAsString();
        assertThat(edit).contains("set — leave blank to keep");

        for (String page : List.of(detail, edit,
                mvc.perform(get("/organizations").with(admin())).andReturn().getResponse().getContentAsString())) {
            assertThat(page).doesNotContain(SECRET);
        }
        assertThat(auditText()).contains("org.create", "org.verify", organizationId).doesNotContain(SECRET);
        assertThat(allTablesText()).doesNotContain(SECRET);
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    @Test
    void aRefusedKeyShowsTheApiMessageAndRequestIdAndSavesNothingUnlessTheAdminInsists() throws Exception {
        String error = "UNAUTHORIZED: Invalid API key or secret";
        cloud.fail("GET", "/organizations/" + organizationId, 401, error);

        String page = mvc.perform(createRequest(false).with(admin())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("ClickHouse Cloud did not accept the key", "Invalid API key or secret",
                FakeCloud.requestIdFor(error), "Save anyway");
        assertThat(page).contains("value=\"Acme prod\"").doesNotContain(SECRET);
        assertThat(jdbc.queryForObject("select count(*) from org_connection where organization_id = ?", Integer.class,
                organizationId)).isZero();

        MockHttpServletResponse insisted = mvc.perform(createRequest(true).with(admin())).andReturn().getResponse();
        assertThat(insisted.getRedirectedUrl()).isEqualTo("/organizations/" + organizationId);
        assertThat(jdbc.queryForObject("select verified_at from org_connection where organization_id = ?",
                Instant.class, organizationId)).isNull();
        assertThat(auditText()).contains("upstream_error").contains(FakeCloud.requestIdFor(error));
    }

    @Test
    void badInputIsRefusedAtTheFieldWithoutCallingClickHouseCloud() throws Exception {
        String page = mvc.perform(post("/organizations").with(csrf()).with(admin())
                .param("displayName", "").param("organizationId", "not-a-uuid").param("keyId", KEY_ID)
                .param("keySecret", SECRET).param("baseUrl", "ftp://example.com").param("budgetRequests", "0")
                .param("budgetWindowSeconds", "10")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Give the connection a name", "Paste the organization ID",
                "Use an http:// or https:// URL", "Between 1 and 1000 requests");
        assertThat(page).contains("value=\"not-a-uuid\"").doesNotContain(SECRET);
        assertThat(cloud.received()).isEmpty();
    }

    @Test
    void editingWithABlankSecretKeepsTheStoredOneAndANewSecretIsVerifiedAgain() throws Exception {
        mvc.perform(createRequest(false).with(admin()));
        String before = jdbc.queryForObject("select key_secret_ciphertext from org_connection where organization_id = ?",
                String.class, organizationId);

        mvc.perform(post("/organizations/" + organizationId).with(csrf()).with(admin())
                .param("displayName", "Acme renamed").param("keyId", KEY_ID).param("keySecret", "")
                .param("baseUrl", cloud.baseUrl()).param("budgetRequests", "8").param("budgetWindowSeconds", "10"));
        Map<String, Object> row = jdbc.queryForMap("select * from org_connection where organization_id = ?",
                organizationId);
        assertThat(row.get("display_name")).isEqualTo("Acme renamed");
        assertThat(row.get("budget_requests")).isEqualTo(8);
        assertThat(row.get("key_secret_ciphertext")).isEqualTo(before);
        assertThat(cloud.count("GET", "/organizations/" + organizationId)).as("unchanged key: no new check").isEqualTo(1);

        mvc.perform(post("/organizations/" + organizationId).with(csrf()).with(admin())
                .param("displayName", "Acme renamed").param("keyId", KEY_ID).param("keySecret", "AnotherSecret123")
                .param("baseUrl", cloud.baseUrl()).param("budgetRequests", "8").param("budgetWindowSeconds", "10"));
        assertThat(cloud.count("GET", "/organizations/" + organizationId)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select key_secret_ciphertext from org_connection where organization_id = ?",
                String.class, organizationId)).isNotEqualTo(before);
        assertThat(auditText()).contains("org.update").doesNotContain("AnotherSecret123");
    }

    @Test
    void keyHealthWarnsOfExpiryDisabledKeysAndMissingRoles() throws Exception {
        mvc.perform(createRequest(false).with(admin()));
        keys("enabled", Instant.now().plus(5, ChronoUnit.DAYS), "[{\"roleName\":\"Developer\",\"roleType\":\"system\"}]");
        assertThat(health()).contains("Attention", "The key expires in 4 days");
    }

    @Test
    void keyHealthNamesADisabledKeyWithoutAClickPipesRole() throws Exception {
        mvc.perform(createRequest(false).with(admin()));
        keys("disabled", null, "[{\"roleName\":\"Member\",\"roleType\":\"system\"}]");
        assertThat(health()).contains("Problem", "The key is disabled", "no role that can manage ClickPipes");
    }

    @Test
    void viewersReadConnectionsButCannotChangeThem() throws Exception {
        mvc.perform(createRequest(false).with(admin()));
        assertThat(mvc.perform(get("/organizations").with(viewer())).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        for (MockHttpServletRequestBuilder change : List.of(createRequest(false),
                post("/organizations/" + organizationId + "/delete").with(csrf()),
                post("/organizations/" + organizationId + "/verify").with(csrf()),
                get("/organizations/new"), get("/organizations/" + organizationId + "/edit"))) {
            assertThat(mvc.perform(change.with(user("op").roles("OPERATOR"))).andReturn().getResponse().getStatus())
                    .isEqualTo(403);
        }
        assertThat(jdbc.queryForObject("select count(*) from org_connection where organization_id = ?", Integer.class,
                organizationId)).isEqualTo(1);
    }

    @Test
    void anAdminDeletesAConnection() throws Exception {
        mvc.perform(createRequest(false).with(admin()));
        mvc.perform(post("/organizations/" + organizationId + "/delete").with(csrf()).with(admin()));
        assertThat(jdbc.queryForObject("select count(*) from org_connection where organization_id = ?", Integer.class,
                organizationId)).isZero();
        assertThat(auditText()).contains("org.delete");
    }

    @Test
    void theHomePageListsEveryOrganizationsServicesAndOneFailureHidesNoOther() throws Exception {
        mvc.perform(createRequest(false).with(admin()));
        try (FakeCloud broken = new FakeCloud()) {
            String brokenOrg = UUID.randomUUID().toString();
            broken.fail("GET", "/organizations/" + brokenOrg + "/services", 503, "SERVICE_UNAVAILABLE: try later");
            mvc.perform(post("/organizations").with(csrf()).with(admin()).param("displayName", "Broken org")
                    .param("organizationId", brokenOrg).param("keyId", KEY_ID).param("keySecret", "OtherSecret1")
                    .param("baseUrl", broken.baseUrl()).param("budgetRequests", "10")
                    .param("budgetWindowSeconds", "10").param("saveUnverified", "true"));

            String home = mvc.perform(get("/").with(viewer())).andReturn().getResponse().getContentAsString();
            assertThat(home).contains("Acme prod", "prod-warehouse", "sleepy", "Idle: ClickPipes calls fail");
            assertThat(home).contains("Broken org", "Services could not be listed", "try later");
        }
    }

    private String health() throws Exception {
        return mvc.perform(get("/organizations/" + organizationId + "/health").with(viewer())).andReturn()
                .getResponse().getContentAsString();
    }

    private void keys(String state, Instant expireAt, String assignedRoles) {
        cloud.ok("GET", "/organizations/" + organizationId + "/keys",
                "[{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"pipedeck\",\"state\":\"" + state + "\","
                        + "\"assignedRoles\":" + assignedRoles + ",\"keySuffix\":\"WxYz\","
                        + "\"expireAt\":" + (expireAt == null ? "null" : "\"" + expireAt + "\"") + "},"
                        + "{\"id\":\"other\",\"name\":\"someone else\",\"state\":\"enabled\",\"keySuffix\":\"0000\"}]");
    }

    private MockHttpServletRequestBuilder createRequest(boolean saveUnverified) {
        MockHttpServletRequestBuilder request = post("/organizations").with(csrf())
                .param("displayName", "Acme prod").param("organizationId", organizationId).param("keyId", KEY_ID)
                .param("keySecret", SECRET).param("baseUrl", cloud.baseUrl()).param("budgetRequests", "10")
                .param("budgetWindowSeconds", "10");
        if (saveUnverified) {
            request.param("saveUnverified", "true");
        }
        return request;
    }

    private String auditText() {
        return jdbc.queryForList("select * from audit_record").toString();
    }

    private String allTablesText() {
        StringBuilder text = new StringBuilder();
        for (String table : jdbc.queryForList(
                "select table_name from information_schema.tables where table_schema = 'public'", String.class)) {
            text.append(jdbc.queryForList("select * from \"" + table + "\"")).append('\n');
        }
        return text.toString();
    }

    private static RequestPostProcessor admin() {
        return user("alice").roles("ADMIN");
    }

    private static RequestPostProcessor viewer() {
        return user("vic").roles("VIEWER");
    }
}
