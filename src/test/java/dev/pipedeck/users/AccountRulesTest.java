package dev.pipedeck.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.pipedeck.testsupport.CookieSession;
import dev.pipedeck.testsupport.TestAccounts;
import static dev.pipedeck.testsupport.TestAccounts.asAdmin;

/**
 * Account rules as users meet them: the last enabled admin stays, long passphrases work whole, and a password reset,
 * role change or disable ends that user's sessions at their next request.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AccountRulesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService accounts;

    @Autowired
    AccountRepository repository;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @WithMockUser(roles = "ADMIN")
    void theLastEnabledAdminCannotBeDemotedOrDisabled() {
        Account only = accounts.create("only-admin-" + System.nanoTime(), TestAccounts.PASSWORD, Role.ADMIN);
        demoteEveryAdminBut(only);

        assertThatThrownBy(() -> accounts.changeRole(only.getId(), Role.OPERATOR))
                .isInstanceOf(AccountRuleViolation.class).hasMessageContaining("last enabled admin");
        assertThatThrownBy(() -> accounts.setEnabled(only.getId(), false))
                .isInstanceOf(AccountRuleViolation.class).hasMessageContaining("last enabled admin");
        assertThat(repository.findById(only.getId()).orElseThrow().getRole()).isEqualTo(Role.ADMIN);

        Account second = accounts.create("second-admin-" + System.nanoTime(), TestAccounts.PASSWORD, Role.ADMIN);
        accounts.changeRole(only.getId(), Role.OPERATOR);
        assertThat(repository.findById(only.getId()).orElseThrow().getRole()).isEqualTo(Role.OPERATOR);
        assertThatThrownBy(() -> accounts.setEnabled(second.getId(), false)).isInstanceOf(AccountRuleViolation.class);
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void theLastAdminRefusalIsShownOnThePage() throws Exception {
        Account only = accounts.create("page-admin-" + System.nanoTime(), TestAccounts.PASSWORD, Role.ADMIN);
        demoteEveryAdminBut(only);
        CookieSession browser = new CookieSession(mvc);
        MvcResult result = browser.perform(post("/users/{id}/enabled", only.getId()).param("enabled", "false")
                .with(csrf())).andReturn();
        String page = browser.perform(get(result.getResponse().getRedirectedUrl())).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("This is the last enabled admin and cannot be disabled.");
        assertThat(repository.findById(only.getId()).orElseThrow().isEnabled()).isTrue();
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void aWeakPasswordIsRefusedNextToTheFieldAndTheFormKeepsTheUsername() throws Exception {
        String page = mvc.perform(post("/users").with(csrf()).param("username", "weakling")
                .param("password", "password1234").param("role", "OPERATOR"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("one of the most common").contains("value=\"weakling\"")
                .doesNotContain("password1234");
        assertThat(repository.findByUsername("weakling")).isEmpty();
    }

    @Test
    void longPassphrasesCountWhole() throws Exception {
        String passphrase = "the quick brown fox jumps over the lazy dog and keeps on running far away";
        assertThat(passphrase.length()).isGreaterThan(72);
        String username = "long-" + System.nanoTime();
        createAs(username, passphrase);
        assertThat(signIn(username, passphrase)).isNotNull();
        assertThat(signIn(username, passphrase.substring(0, 72))).as("bcrypt would accept this").isNull();
    }

    @Test
    void anAdminPasswordResetEndsThatUsersSessions() throws Exception {
        String username = "reset-me-" + System.nanoTime();
        Account account = TestAccounts.create(accounts, username, Role.OPERATOR);
        CookieSession session = signIn(username, TestAccounts.PASSWORD);
        assertThat(session.perform(get("/")).andReturn().getResponse().getStatus()).isEqualTo(200);

        asAdmin(() -> accounts.resetPassword(account.getId(), "a fresh passphrase here"));

        var response = session.perform(get("/")).andReturn().getResponse();
        assertThat(response.getRedirectedUrl()).endsWith("/login?expired");
        assertThat(jdbc.queryForObject("select count(*) from spring_session where principal_name = ?", Integer.class,
                username)).as("the session is gone from the database").isZero();
    }

    @Test
    void aRoleChangeOrDisableEndsThatUsersSessions() throws Exception {
        String username = "demote-me-" + System.nanoTime();
        Account account = TestAccounts.create(accounts, username, Role.OPERATOR);
        CookieSession first = signIn(username, TestAccounts.PASSWORD);
        asAdmin(() -> accounts.changeRole(account.getId(), Role.VIEWER));
        assertThat(first.perform(get("/")).andReturn().getResponse().getRedirectedUrl())
                .endsWith("/login?expired");

        CookieSession second = signIn(username, TestAccounts.PASSWORD);
        asAdmin(() -> accounts.setEnabled(account.getId(), false));
        assertThat(second.perform(get("/")).andReturn().getResponse().getRedirectedUrl())
                .endsWith("/login?expired");
        assertThat(signIn(username, TestAccounts.PASSWORD)).as("a disabled account cannot sign in").isNull();
    }

    @Test
    void changingYourOwnPasswordNeedsTheCurrentOneAndKeepsYouSignedIn() throws Exception {
        String username = "self-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.VIEWER);
        CookieSession session = signIn(username, TestAccounts.PASSWORD);
        CookieSession other = signIn(username, TestAccounts.PASSWORD);

        String refused = session.perform(post("/account/password").with(csrf())
                .param("currentPassword", "not it at all").param("newPassword", "my new passphrase")
                .param("confirmPassword", "my new passphrase")).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("The current password is not correct.");

        var changed = session.perform(post("/account/password").with(csrf())
                .param("currentPassword", TestAccounts.PASSWORD).param("newPassword", "my new passphrase")
                .param("confirmPassword", "my new passphrase")).andReturn().getResponse();
        assertThat(changed.getRedirectedUrl()).isEqualTo("/account");
        assertThat(session.perform(get("/account")).andReturn().getResponse().getStatus())
                .as("this session continues").isEqualTo(200);
        assertThat(other.perform(get("/")).andReturn().getResponse().getRedirectedUrl())
                .as("the other session ended").endsWith("/login?expired");
        assertThat(signIn(username, "my new passphrase")).isNotNull();
    }

    /** Leaves {@code keeper} as the only enabled admin (allowed at each step, since the keeper remains). */
    private void demoteEveryAdminBut(Account keeper) {
        repository.findAll().stream()
                .filter(a -> a.getRole() == Role.ADMIN && a.isEnabled() && !a.getId().equals(keeper.getId()))
                .forEach(a -> accounts.changeRole(a.getId(), Role.VIEWER));
    }

    private void createAs(String username, String password) {
        asAdmin(() -> accounts.create(username, password, Role.VIEWER));
    }

    /** Signs in through the real form login; the session, or null when sign-in failed. */
    private CookieSession signIn(String username, String password) throws Exception {
        CookieSession session = new CookieSession(mvc);
        var response = session.perform(post("/login").with(csrf())
                .param("username", username).param("password", password)
                .with(request -> {
                    request.setRemoteAddr("192.0.2." + (Math.abs(username.hashCode()) % 200));
                    return request;
                })).andReturn().getResponse();
        return response.getRedirectedUrl() != null && !response.getRedirectedUrl().contains("error") ? session : null;
    }
}
