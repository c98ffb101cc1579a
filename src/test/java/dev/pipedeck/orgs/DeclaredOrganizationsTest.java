package dev.pipedeck.orgs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Connections declared in configuration (as PIPEDECK_ORGANIZATIONS_0_* environment variables would) are upserted at
 * start, encrypted, audited without the secret, and read-only in the UI.
 */
@SpringBootTest(properties = {
        "pipedeck.organizations[0].name=Headless prod",
        "pipedeck.organizations[0].organization-id=7A1B2C3D-0000-4000-8000-000000000001",
        "pipedeck.organizations[0].key-id=ConfiguredKeyId01",
        "pipedeck.organizations[0].key-secret=ConfiguredSecretValue42",
        "pipedeck.organizations[0].base-url=http://127.0.0.1:9/"})
@AutoConfigureMockMvc
class DeclaredOrganizationsTest {

    static final String ORG = "7a1b2c3d-0000-4000-8000-000000000001";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    @Test
    void aDeclaredConnectionIsStoredEncryptedAndShownAsManagedByConfiguration() throws Exception {
        Map<String, Object> row = jdbc.queryForMap("select * from org_connection where organization_id = ?", ORG);
        assertThat(row.get("display_name")).isEqualTo("Headless prod");
        assertThat(row.get("managed_by_config")).isEqualTo(true);
        assertThat(row.get("base_url")).isEqualTo("http://127.0.0.1:9");
        assertThat(String.valueOf(row.get("key_secret_ciphertext"))).doesNotContain("ConfiguredSecretValue42");
        assertThat(jdbc.queryForList("select * from audit_record where action = 'org.config.create'").toString())
                .contains(ORG).doesNotContain("ConfiguredSecretValue42");

        String list = mvc.perform(get("/organizations").with(user("a").roles("ADMIN"))).andReturn().getResponse()
                .getContentAsString();
        assertThat(list).contains("Headless prod", "Config").doesNotContain("/organizations/" + ORG + "/edit");

        var edit = mvc.perform(post("/organizations/" + ORG).with(csrf()).with(user("a").roles("ADMIN"))
                .param("displayName", "hijacked").param("keyId", "x").param("baseUrl", "http://example.com")
                .param("budgetRequests", "10").param("budgetWindowSeconds", "10")).andReturn().getResponse();
        assertThat(edit.getRedirectedUrl()).isEqualTo("/organizations");
        assertThat(jdbc.queryForObject("select display_name from org_connection where organization_id = ?",
                String.class, ORG)).isEqualTo("Headless prod");
    }
}
