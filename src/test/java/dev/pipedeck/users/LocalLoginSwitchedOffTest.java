package dev.pipedeck.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import dev.pipedeck.testsupport.CookieSession;
import dev.pipedeck.testsupport.Browser;
import dev.pipedeck.testsupport.LocalOidcProvider;
import dev.pipedeck.testsupport.TestAccounts;

/**
 * Single sign-on only ({@code pipedeck.sso.local-login-enabled=false}): the sign-in page offers the provider alone,
 * passwords are refused (on the pages and the API) except for the listed break-glass account, users in no mapped
 * group get the default role (VIEWER), and a person in a real browser signs in through the provider.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class LocalLoginSwitchedOffTest {

    static final LocalOidcProvider PROVIDER = new LocalOidcProvider("pipedeck-sso-only", "sso-only-secret");
    static final String BREAK_GLASS = "rescue-" + System.nanoTime();

    @DynamicPropertySource
    static void singleSignOnOnly(DynamicPropertyRegistry registry) {
        registry.add("pipedeck.sso.local-login-enabled", () -> "false");
        registry.add("pipedeck.sso.break-glass-users", () -> BREAK_GLASS);
        registry.add("pipedeck.sso.oidc.issuer-uri", PROVIDER::issuer);
        registry.add("pipedeck.sso.oidc.client-id", () -> "pipedeck-sso-only");
        registry.add("pipedeck.sso.oidc.client-secret", () -> "sso-only-secret");
        registry.add("pipedeck.sso.oidc.display-name", () -> "Acme Login");
        registry.add("pipedeck.sso.oidc.role-mapping[ops]", () -> "OPERATOR");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSignInPageOffersOnlyTheProviderAndBreakGlassOnRequest() throws Exception {
        String page = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Sign in with Acme Login").doesNotContain("name=\"password\"")
                .contains("Break-glass sign-in");
        String breakGlass = mvc.perform(get("/login").param("local", "")).andReturn().getResponse()
                .getContentAsString();
        assertThat(breakGlass).contains("name=\"password\"");
    }

    @Test
    void passwordsAreRefusedExceptForTheBreakGlassAccount() throws Exception {
        String someone = "local-" + System.nanoTime();
        TestAccounts.create(accounts, someone, Role.ADMIN);
        TestAccounts.create(accounts, BREAK_GLASS + "x", Role.VIEWER);
        long before = jdbc.queryForObject("select coalesce(max(id), 0) from audit_record", Long.class);

        CookieSession session = new CookieSession(mvc);
        MockHttpServletResponse refused = session.perform(post("/login").with(csrf())
                .param("username", someone).param("password", TestAccounts.PASSWORD)).andReturn().getResponse();
        assertThat(refused.getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(session.perform(get("/login").param("error", "")).andReturn().getResponse()
                .getContentAsString()).contains("Password sign-in is switched off. Sign in with Acme Login.");
        assertThat(jdbc.queryForList("select action, error_text from audit_record where id > ? order by id",
                before)).singleElement().satisfies(r -> assertThat(r)
                        .containsEntry("action", "auth.login.failure")
                        .containsEntry("error_text", "Password sign-in is switched off; use single sign-on."));
        assertThat(mvc.perform(get("/api/v1/organizations").with(httpBasic(someone, TestAccounts.PASSWORD)))
                .andReturn().getResponse().getStatus()).isEqualTo(401);

        if (jdbc.queryForObject("select count(*) from account where username = ?", Integer.class, BREAK_GLASS) == 0) {
            TestAccounts.create(accounts, BREAK_GLASS, Role.ADMIN);
        }
        assertThat(mvc.perform(post("/login").with(csrf()).param("username", BREAK_GLASS)
                .param("password", TestAccounts.PASSWORD)).andReturn().getResponse().getRedirectedUrl())
                .as("break-glass").isEqualTo("/");
        assertThat(mvc.perform(post("/login").with(csrf()).param("username", BREAK_GLASS + "x")
                .param("password", TestAccounts.PASSWORD)).andReturn().getResponse().getRedirectedUrl())
                .as("a similar name is no break-glass account").isEqualTo("/login?error");
    }

    @Test
    void aPersonSignsInThroughTheProviderInARealBrowserWithTheDefaultRole() {
        ChromeDriver browser = Browser.start();
        try {
            String username = "browser-" + System.nanoTime();
            PROVIDER.signsInNext("subject-" + username, Map.of("preferred_username", username,
                    "groups", List.of("not-mapped")));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

            browser.get("http://localhost:" + port + "/");
            wait.until(ExpectedConditions.urlContains("/login"));
            browser.findElement(By.id("sso-sign-in")).click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Pipes"));
            assertThat(browser.getCurrentUrl()).startsWith("http://localhost:" + port + "/");
            assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains(username)
                    .containsIgnoringCase("viewer");
            assertThat(jdbc.queryForObject("select kind from account where username = ?", String.class, username))
                    .isEqualTo("EXTERNAL");
        } finally {
            browser.quit();
        }
    }
}
