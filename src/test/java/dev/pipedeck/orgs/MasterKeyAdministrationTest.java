package dev.pipedeck.orgs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import dev.pipedeck.secrets.SecretCipher;

/** An admin rotates the generated key file and re-encrypts the stored secrets; both are audited; others are refused. */
@SpringBootTest(properties = "pipedeck.data-dir=target/test-data/master-key-${random.uuid}")
@AutoConfigureMockMvc
class MasterKeyAdministrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SecretCipher cipher;

    @Test
    void rotationAndReencryptionAreAdminOnlyAndAudited() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        mvc.perform(post("/organizations").with(csrf()).with(user("a").roles("ADMIN"))
                .param("displayName", "Unverified").param("organizationId", organizationId).param("keyId", "KeyId0001")
                .param("keySecret", "RotateMeSecret77").param("baseUrl", "http://127.0.0.1:9")
                .param("budgetRequests", "10").param("budgetWindowSeconds", "10").param("saveUnverified", "true"));
        assertThat(jdbc.queryForObject("select count(*) from org_connection where organization_id = ?", Integer.class,
                organizationId)).isEqualTo(1);

        assertThat(mvc.perform(get("/organizations/master-key").with(user("o").roles("OPERATOR"))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/organizations/master-key/reencrypt").with(csrf())
                .with(user("o").roles("OPERATOR"))).andReturn().getResponse().getStatus()).isEqualTo(403);

        String page = mvc.perform(get("/organizations/master-key").with(user("a").roles("ADMIN"))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("Rotate key file", "Re-encrypt all secrets");

        mvc.perform(post("/organizations/master-key/rotate").with(csrf()).with(user("a").roles("ADMIN")));
        var result = mvc.perform(post("/organizations/master-key/reencrypt").with(csrf())
                .with(user("a").roles("ADMIN"))).andReturn();
        assertThat(String.valueOf(result.getFlashMap().get("success"))).contains("organization API keys");

        String audit = jdbc.queryForList("select action, outcome from audit_record").toString();
        assertThat(audit).contains("masterkey.rotate", "masterkey.reencrypt");
        String ciphertext = jdbc.queryForObject("select key_secret_ciphertext from org_connection where organization_id = ?",
                String.class, organizationId);
        assertThat(cipher.isUnderPrimaryKey(ciphertext)).isTrue();
    }
}
