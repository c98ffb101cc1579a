package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import dev.pipedeck.sandbox.SandboxAccess;
import dev.pipedeck.sandbox.SandboxControl;
import dev.pipedeck.testsupport.TestAccounts;

/**
 * The dashboard over the built-in sandbox: its seeded failing and long-paused pipes need attention, and once an admin
 * makes the staging service idle, it shows idle and an operator wakes it (the sandbox then answers "awaking").
 * Leaves the sandbox as it found it: reset, and not connected.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class SandboxDashboardTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SandboxAccess sandbox;

    @Autowired
    SandboxControl control;

    @AfterEach
    void leaveTheSandboxAsFound() {
        TestAccounts.asAdmin(control::reset);
        jdbc.update("delete from org_connection where organization_id = ?", sandbox.organizationId());
    }

    @Test
    void anIdleSandboxServiceShowsIdleAndAnOperatorWakesIt() throws Exception {
        mvc.perform(post("/organizations/sandbox").with(csrf()).with(user("a").roles("ADMIN")));
        String stagingId = TestAccounts.asAdmin(() -> control.status().services().stream()
                .filter(SandboxControl.ServiceStatus::staging).findFirst().orElseThrow().id());

        String running = home("v", "VIEWER");
        assertThat(running).contains("analytics-prod", "staging", "Needs attention", "Failed", "Paused for 12 days")
                .doesNotContain("could not be listed", "Wake service");

        TestAccounts.asAdmin(control::makeStagingIdle);
        Thread.sleep(2100); // past the read cache, which still holds the services as they were
        String idle = home("o", "OPERATOR");
        assertThat(idle).contains("Idle: ClickPipes calls fail until it wakes.", "Wake service",
                "/organizations/" + sandbox.organizationId() + "/services/" + stagingId + "/wake")
                .as("the idle service's pipes are not asked for, so no 424 shows").doesNotContain("not running");

        var woken = mvc.perform(post("/organizations/" + sandbox.organizationId() + "/services/" + stagingId + "/wake")
                .with(csrf()).with(user("o").roles("OPERATOR"))).andReturn();
        assertThat(String.valueOf(woken.getFlashMap().get("success")))
                .isEqualTo("Waking staging: ClickPipes calls work again once it is running.");
        String tile = mvc.perform(get("/organizations/" + sandbox.organizationId() + "/services/" + stagingId + "/tile")
                .with(user("o").roles("OPERATOR"))).andReturn().getResponse().getContentAsString();
        assertThat(tile).contains("awaking", "Waking up: its pipes show once it is running.")
                .doesNotContain("Wake service");
    }

    private String home(String username, String role) throws Exception {
        return mvc.perform(get("/").with(user(username).roles(role))).andReturn().getResponse().getContentAsString();
    }
}
