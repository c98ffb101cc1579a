package dev.pipedeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.pipedeck.testsupport.TestAccounts;

/**
 * The admin page at {@code /admin/sandbox}: admins see the sandbox and make it misbehave with CSRF-protected forms;
 * viewers and operators get 403 and change nothing; the service behind it refuses anyone but an admin.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SandboxControlPageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    SandboxControl control;

    @Autowired
    SandboxFaults faults;

    @Autowired
    SandboxCloud cloud;

    @AfterEach
    void putTheSandboxBack() {
        faults.reset();
        cloud.reset();
    }

    @Test
    void anAdminSeesTheSandbox() throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/admin/sandbox").with(user("admin").roles("ADMIN")))
                .andReturn().getResponse();

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("Sandbox", "analytics-prod", "staging",
                SandboxSeed.ORGANIZATION_ID, "Requests received", "503 burst", "Reset sandbox");
    }

    @ParameterizedTest
    @ValueSource(strings = {"VIEWER", "OPERATOR"})
    void viewersAndOperatorsAreRefused(String role) throws Exception {
        assertThat(mvc.perform(get("/admin/sandbox").with(user("someone").roles(role))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/admin/sandbox/server-errors").param("count", "5").with(csrf())
                .with(user("someone").roles(role))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(faults.serverErrorsLeft()).isZero();
    }

    @Test
    void anonymousVisitorsAreSentToSignIn() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/admin/sandbox")).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void anAdminMakesItMisbehaveAndResetsIt() throws Exception {
        adminPost(post("/admin/sandbox/latency").param("millis", "250"));
        assertThat(faults.latency()).isEqualTo(Duration.ofMillis(250));
        adminPost(post("/admin/sandbox/server-errors").param("count", "3"));
        assertThat(faults.serverErrorsLeft()).isEqualTo(3);
        adminPost(post("/admin/sandbox/rate-limits").param("count", "4"));
        assertThat(faults.rateLimitedLeft()).isEqualTo(4);
        adminPost(post("/admin/sandbox/hostile").param("on", "true"));
        assertThat(faults.hostileStrings()).isTrue();
        assertThat(cloud.summary().pipes()).as("three hostile pipes beside the twelve").isEqualTo(15);
        assertThat(cloud.summary().services()).as("and a hostile service").hasSize(3);
        adminPost(post("/admin/sandbox/staging/idle"));
        assertThat(staging()).isEqualTo("idle");
        adminPost(post("/admin/sandbox/staging/wake"));
        assertThat(staging()).isEqualTo("awaking");

        adminPost(post("/admin/sandbox/reset"));
        assertThat(faults.latency()).isZero();
        assertThat(faults.serverErrorsLeft()).isZero();
        assertThat(faults.hostileStrings()).isFalse();
        assertThat(cloud.summary().pipes()).isEqualTo(12);
        assertThat(staging()).isEqualTo("running");
    }

    @Test
    void outOfRangeValuesAreRefusedWithAMessage() throws Exception {
        var result = mvc.perform(post("/admin/sandbox/latency").param("millis", "600000").with(csrf())
                .with(user("admin").roles("ADMIN"))).andReturn();

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/admin/sandbox");
        assertThat(result.getFlashMap().get("error")).asString().contains("0 to 60000 ms");
        assertThat(faults.latency()).isZero();
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        assertThat(mvc.perform(post("/admin/sandbox/server-errors").param("count", "5")
                .with(user("admin").roles("ADMIN"))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(faults.serverErrorsLeft()).isZero();
    }

    @Test
    void theControlServiceItselfIsForAdminsOnly() {
        assertThatThrownBy(() -> control.burstServerErrors(1))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        var previous = SecurityContextHolder.getContext();
        try {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("operator", null,
                    List.of(new SimpleGrantedAuthority("ROLE_OPERATOR"))));
            SecurityContextHolder.setContext(context);
            assertThatThrownBy(control::reset).isInstanceOf(AccessDeniedException.class);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
        TestAccounts.asAdmin(() -> control.burstServerErrors(1));
        assertThat(faults.serverErrorsLeft()).isEqualTo(1);
    }

    private MvcResult adminPost(MockHttpServletRequestBuilder request)
            throws Exception {
        var result = mvc.perform(request.with(csrf()).with(user("admin").roles("ADMIN"))).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/admin/sandbox");
        assertThat(result.getFlashMap().get("success")).isNotNull();
        return result;
    }

    private String staging() {
        return cloud.summary().services().stream().filter(s -> s.id().equals(SandboxSeed.STAGING_ID)).findFirst()
                .orElseThrow().state();
    }
}
