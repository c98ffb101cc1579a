package dev.pipedeck.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Security headers, CSRF, HTMX-aware sign-in redirects and the error page, as a browser sees them. */
@SpringBootTest
@AutoConfigureMockMvc
class PageSecurityTest {

    @Autowired
    MockMvc mvc;

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path : new String[] {"/login", "/assets/css/pipedeck.css", "/no-such-page", "/actuator/health"}) {
            MockHttpServletResponse response = mvc.perform(get(path)).andReturn().getResponse();
            String csp = response.getHeader("Content-Security-Policy");
            assertThat(csp).as(path).contains("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                    "frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(response.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.getHeader("Referrer-Policy")).as(path).isEqualTo("same-origin");
        }
    }

    @Test
    void stateChangingRequestsWithoutACsrfTokenAreRefused() throws Exception {
        var response = mvc.perform(post("/users").param("username", "x").param("password", "long enough pass")
                .param("role", "ADMIN").with(user("admin").roles("ADMIN"))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
        var login = mvc.perform(post("/login").param("username", "x").param("password", "y")).andReturn().getResponse();
        assertThat(login.getStatus()).isEqualTo(403);
    }

    @Test
    void anonymousHtmxRequestsAreSentToTheLoginPageWhole() throws Exception {
        var response = mvc.perform(get("/").header("HX-Request", "true")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("HX-Redirect")).isEqualTo("/login");
        assertThat(response.getContentAsString()).doesNotContain("<form");
    }

    @Test
    void theErrorPageNamesARequestIdAndShowsNoStackTrace() throws Exception {
        var response = mvc.perform(get("/no-such-page").with(user("v").roles("VIEWER"))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(404);
        String requestId = response.getHeader("X-Request-Id");
        assertThat(requestId).isNotBlank();
    }

    @Test
    void htmxAndTheAppScriptAreServedFromTheJar() throws Exception {
        var htmx = mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andReturn().getResponse();
        assertThat(htmx.getStatus()).isEqualTo(200);
        assertThat(htmx.getContentAsString()).contains("htmx");
        assertThat(mvc.perform(get("/assets/js/pipedeck.js")).andReturn().getResponse().getStatus()).isEqualTo(200);
        String login = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        assertThat(login).contains("<meta name=\"htmx-config\"")
                .contains("\"allowEval\":false", "\"includeIndicatorStyles\":false", "\"historyCacheSize\":0")
                .containsPattern("/webjars/htmx.org/[0-9.]+/dist/htmx.min.js");
    }
}
