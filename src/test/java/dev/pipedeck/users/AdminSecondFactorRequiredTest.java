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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

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

    private MockHttpSession signIn(String username) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).with(csrf()).param("username", username)
                .param("password", TestAccounts.PASSWORD));
        return session;
    }

    @Test
    void anAdminWithoutASecondFactorCanOnlyEnrolUntilEnrolled() throws Exception {
        String admin = "required-admin-" + System.nanoTime();
        TestAccounts.create(accounts, admin, Role.ADMIN);
        MockHttpSession session = signIn(admin);

        for (String path : List.of("/", "/users", "/organizations", "/account", "/audit")) {
            assertThat(mvc.perform(get(path).session(session)).andReturn().getResponse().getRedirectedUrl())
                    .as(path).isEqualTo("/account/second-factor?required");
        }
        assertThat(mvc.perform(post("/users").session(session).with(csrf()).param("username", "sneaky")
                .param("password", "a long enough passphrase").param("role", "ADMIN")).andReturn().getResponse()
                .getRedirectedUrl()).isEqualTo("/account/second-factor?required");
        assertThat(mvc.perform(get("/").header("HX-Request", "true").session(session)).andReturn().getResponse()
                .getHeader("HX-Redirect")).isEqualTo("/account/second-factor?required");
        assertThat(mvc.perform(get("/api/v1/organizations").with(httpBasic(admin, TestAccounts.PASSWORD)))
                .andReturn().getResponse().getStatus()).as("no password on the API").isEqualTo(401);

        String page = mvc.perform(get("/account/second-factor").param("required", "").session(session)).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("Admins must use two-step sign-in");
        mvc.perform(post("/account/second-factor/start").session(session).with(csrf()));
        page = mvc.perform(get("/account/second-factor").session(session)).andReturn().getResponse()
                .getContentAsString();
        Matcher secret = SECRET.matcher(page);
        assertThat(secret.find()).isTrue();
        byte[] key = Base32.decode(secret.group(1).replace(" ", ""));
        String code = TimeBasedOneTimePassword.code(key, TimeBasedOneTimePassword.stepAt(java.time.Instant.now()));
        mvc.perform(post("/account/second-factor/confirm").session(session).with(csrf()).param("code", code));

        assertThat(mvc.perform(get("/users").session(session)).andReturn().getResponse().getStatus())
                .as("enrolled: the rest opens").isEqualTo(200);
        String enrolled = mvc.perform(get("/account/second-factor").session(session)).andReturn().getResponse()
                .getContentAsString();
        assertThat(enrolled).contains("Admins must keep two-step sign-in on").doesNotContain("/account/second-factor/disable");
    }

    @Test
    void otherRolesAreNotRequiredToEnrol() throws Exception {
        String operator = "free-operator-" + System.nanoTime();
        TestAccounts.create(accounts, operator, Role.OPERATOR);
        MockHttpSession session = signIn(operator);
        assertThat(mvc.perform(get("/account").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/api/v1/organizations").with(httpBasic(operator, TestAccounts.PASSWORD)))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
    }
}
