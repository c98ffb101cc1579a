package dev.pipedeck.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import dev.pipedeck.testsupport.CookieSession;
import dev.pipedeck.testsupport.TestAccounts;

/**
 * With {@code pipedeck.security.totp-required-for-admins}: a local admin without a second factor is sent to enrol
 * after signing in and reaches nothing else until enrolled, may not turn it off, and cannot use the password on the
 * API; other roles are not affected.
 */
@SpringBootTest(properties = "pipedeck.security.totp-required-for-admins=true")
@AutoConfigureMockMvc
class AdminSecondFactorRequiredTest {

    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\"[^>]*>([A-Z2-7 ]+)<");

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService accounts;

    private CookieSession signIn(String username) throws Exception {
        CookieSession session = new CookieSession(mvc);
        session.perform(post("/login").with(csrf()).param("username", username)
                .param("password", TestAccounts.PASSWORD));
        return session;
    }

    @Test
    void anAdminWithoutASecondFactorCanOnlyEnrolUntilEnrolled() throws Exception {
        String admin = "required-admin-" + System.nanoTime();
        TestAccounts.create(accounts, admin, Role.ADMIN);
        CookieSession session = signIn(admin);

        for (String path : List.of("/", "/users", "/organizations", "/account", "/audit")) {
            assertThat(session.perform(get(path)).andReturn().getResponse().getRedirectedUrl())
                    .as(path).isEqualTo("/account/second-factor?required");
        }
        assertThat(session.perform(post("/users").with(csrf()).param("username", "sneaky")
                .param("password", "a long enough passphrase").param("role", "ADMIN")).andReturn().getResponse()
                .getRedirectedUrl()).isEqualTo("/account/second-factor?required");
        assertThat(session.perform(get("/").header("HX-Request", "true")).andReturn().getResponse()
                .getHeader("HX-Redirect")).isEqualTo("/account/second-factor?required");
        assertThat(mvc.perform(get("/api/v1/organizations").with(httpBasic(admin, TestAccounts.PASSWORD)))
                .andReturn().getResponse().getStatus()).as("no password on the API").isEqualTo(401);

        String page = session.perform(get("/account/second-factor").param("required", "")).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("Admins must use two-step sign-in");
        session.perform(post("/account/second-factor/start").with(csrf()));
        page = session.perform(get("/account/second-factor")).andReturn().getResponse()
                .getContentAsString();
        Matcher secret = SECRET.matcher(page);
        assertThat(secret.find()).isTrue();
        byte[] key = Base32.decode(secret.group(1).replace(" ", ""));
        String code = TimeBasedOneTimePassword.code(key, TimeBasedOneTimePassword.stepAt(java.time.Instant.now()));
        session.perform(post("/account/second-factor/confirm").with(csrf()).param("code", code));

        assertThat(session.perform(get("/users")).andReturn().getResponse().getStatus())
                .as("enrolled: the rest opens").isEqualTo(200);
        String enrolled = session.perform(get("/account/second-factor")).andReturn().getResponse()
                .getContentAsString();
        assertThat(enrolled).contains("Admins must keep two-step sign-in on").doesNotContain("/account/second-factor/disable");
    }

    @Test
    void otherRolesAreNotRequiredToEnrol() throws Exception {
        String operator = "free-operator-" + System.nanoTime();
        TestAccounts.create(accounts, operator, Role.OPERATOR);
        CookieSession session = signIn(operator);
        assertThat(session.perform(get("/account")).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/api/v1/organizations").with(httpBasic(operator, TestAccounts.PASSWORD)))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
    }
}
