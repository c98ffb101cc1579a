package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.pipedeck.sandbox.SandboxAccess;
import dev.pipedeck.sandbox.SandboxControl;
import dev.pipedeck.testsupport.TestAccounts;

/**
 * The credentials form of each source kind the sandbox seeds asks for the right fields and sends a body that the
 * sandbox (which checks bodies as the spec describes them) accepts: with what the spec requires alongside (MySQL host
 * and port, MongoDB URI and read preference, Pub/Sub authentication), service account keys in their two shapes, and
 * no form where the pipe assumes an IAM role.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "pipedeck.sandbox.transition-delay=200ms", "pipedeck.pipes.mapping-change.poll-interval=100ms" })
@AutoConfigureMockMvc
class PipeCredentialsAgainstSandboxTest {

    static final String SERVICE = "3f6a9c2e-1b4d-4e7f-8a5c-0d2e4f6a8b1c";
    static final RequestPostProcessor OPERATOR = user("credentials-operator").roles("OPERATOR");
    static final String KEY_FILE = "{\"type\":\"service_account\",\"project_id\":\"acme\"}";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SandboxAccess sandbox;

    @Autowired
    SandboxControl sandboxControl;

    @BeforeEach
    void connectTheSandbox() throws Exception {
        mvc.perform(post("/organizations/sandbox").with(csrf()).with(user("admin").roles("ADMIN")));
        jdbc.update("update org_connection set budget_requests = 1000 where sandbox");
    }

    @AfterEach
    void resetTheSandbox() {
        TestAccounts.asAdmin(sandboxControl::reset);
    }

    @Test
    void eachSourceKindGetsItsFieldsAndTheSandboxAcceptsWhatIsSent() throws Exception {
        Map<String, Map<String, String>> typed = Map.of(
                "orders from Confluent Cloud", Map.of("username", "NEWAPIKEY", "password", "new-confluent-secret"),
                "shop database (Postgres CDC)", Map.of("username", "clickpipes", "password", "new-postgres-secret"),
                "billing (MySQL CDC)", Map.of("username", "clickpipes", "password", "new-mysql-secret"),
                "catalog (MongoDB CDC)", Map.of("username", "clickpipes", "password", "new-mongo-secret"),
                "events from Pub/Sub", Map.of("serviceAccountKey", KEY_FILE),
                "GCS backfill 2024", Map.of("serviceAccountKey", Base64.getEncoder().encodeToString(
                        KEY_FILE.getBytes(StandardCharsets.UTF_8))));
        for (Map.Entry<String, Map<String, String>> pipe : typed.entrySet()) {
            String edit = editPath(pipe.getKey());
            String page = mvc.perform(get(edit).with(OPERATOR)).andReturn().getResponse().getContentAsString();
            for (String field : pipe.getValue().keySet()) {
                assertThat(page).as(pipe.getKey()).contains("name=\"" + field + "\"");
            }
            MockHttpServletRequestBuilder replace = post(edit + "/credentials").with(csrf()).with(OPERATOR);
            pipe.getValue().forEach(replace::param);
            MockHttpServletResponse response = mvc.perform(replace).andReturn().getResponse();
            assertThat(response.getRedirectedUrl()).as(pipe.getKey() + ": " + problemOf(response)).isEqualTo(edit);
        }
    }

    @Test
    void aPipeThatAssumesAnIamRoleHasNoCredentialsToReplace() throws Exception {
        String page = mvc.perform(get(editPath("clickstream from Kinesis")).with(OPERATOR)).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("assumes the IAM role arn:aws:iam::123456789012:role/clickpipes-kinesis")
                .doesNotContain("/credentials\"");
    }

    private String editPath(String pipeName) {
        String pipeId = UUID.nameUUIDFromBytes(("pipedeck-sandbox:" + pipeName).getBytes(StandardCharsets.UTF_8))
                .toString();
        return "/organizations/" + sandbox.organizationId() + "/services/" + SERVICE + "/pipes/" + pipeId + "/edit";
    }

    private static String problemOf(MockHttpServletResponse response) throws Exception {
        String html = response.getContentAsString();
        int alert = html.indexOf("role=\"alert\"");
        return alert < 0 ? "no problem shown" : html.substring(alert, Math.min(html.length(), alert + 600));
    }
}
