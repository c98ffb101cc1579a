package dev.pipedeck.orgs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import dev.pipedeck.sandbox.SandboxAccess;

/** A newcomer's first minute: one click connects the built-in sandbox, and its services show up, labelled SANDBOX. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class SandboxConnectorTest {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SandboxAccess sandbox;

    @Test
    void exploreWithTheSandboxConnectsItAndItsServicesAppear() throws Exception {
        String emptyHome = mvc.perform(get("/").with(user("a").roles("ADMIN"))).andReturn().getResponse()
                .getContentAsString();
        assertThat(emptyHome).contains("Explore with the sandbox");
        assertThat(mvc.perform(post("/organizations/sandbox").with(csrf()).with(user("o").roles("OPERATOR")))
                .andReturn().getResponse().getStatus()).isEqualTo(403);

        var response = mvc.perform(post("/organizations/sandbox").with(csrf()).with(user("a").roles("ADMIN")))
                .andReturn().getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/organizations/" + sandbox.organizationId());

        var row = jdbc.queryForMap("select * from org_connection where organization_id = ?", sandbox.organizationId());
        assertThat(row.get("sandbox")).isEqualTo(true);
        assertThat(row.get("base_url")).isEqualTo("http://127.0.0.1:" + port + "/sandbox");

        String home = mvc.perform(get("/").with(user("v").roles("VIEWER"))).andReturn().getResponse()
                .getContentAsString();
        assertThat(home).contains("Sandbox", "analytics-prod", "staging").doesNotContain("Services could not be listed");

        java.util.regex.Matcher link = java.util.regex.Pattern
                .compile("href=\"(/organizations/[^\"]+/services/[^\"]+/pipes)\"").matcher(home);
        assertThat(link.find()).isTrue();
        String pipes = mvc.perform(get(link.group(1)).with(user("v").roles("VIEWER"))).andReturn().getResponse()
                .getContentAsString();
        assertThat(pipes).contains("ClickPipes", "Running", "Kafka").doesNotContain("could not be listed");

        mvc.perform(post("/organizations/sandbox").with(csrf()).with(user("a").roles("ADMIN")));
        assertThat(jdbc.queryForObject("select count(*) from org_connection where sandbox", Integer.class))
                .as("a second click reuses the connection").isEqualTo(1);
        assertThat(jdbc.queryForList("select action from audit_record").toString()).contains("org.sandbox.connect");
    }
}
