package dev.pipedeck.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.pipedeck.testsupport.CookieSession;
import dev.pipedeck.users.Account;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * Account events, driven through the real filter chain and pages: each record's fields for sign-in success,
 * failure, throttling and sign-out, and for every account change, its refusal, and its refusal when the audit log
 * cannot be written.
 */
class AccountAuditRecordsTest extends AuditIntegrationTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String PASSWORD = "correct horse battery staple";
    private static final String USER_AGENT = "AuditTest/1.0 (integration)";

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService accounts;

    @AfterEach
    void cleanUp() {
        signOut();
    }

    @Test
    void aSuccessfulSignInIsRecordedWithWhoHowAndFromWhere() throws Exception {
        Account alice = newAccount("alice", Role.OPERATOR);
        long before = lastRecordId();

        mvc.perform(login(alice.getUsername(), PASSWORD, "10.0.1.1")).andExpect(redirectedUrl("/"));

        AuditRecord r = onlyRecordAfter(before);
        assertThat(r.action()).isEqualTo("auth.login.success");
        assertThat(r.actor()).isEqualTo(alice.getUsername());
        assertThat(r.actorRole()).isEqualTo("OPERATOR");
        assertThat(r.channel()).isEqualTo("web");
        assertThat(r.clientAddress()).isEqualTo("10.0.1.1");
        assertThat(r.userAgent()).isEqualTo(USER_AGENT);
        assertThat(r.consoleRequestId()).isNotBlank();
        assertThat(r.targetAccount()).isEqualTo(alice.getUsername());
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.prevHash()).isNotBlank();
    }

    @Test
    void aFailedSignInIsRecordedWithTheAttemptedUsernameAndNeverThePassword() throws Exception {
        Account bob = newAccount("bob", Role.VIEWER);
        long before = lastRecordId();

        mvc.perform(login(bob.getUsername(), "not-the-password-1234", "10.0.2.1"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(login("Nobody-Here", "guessed-password-5678", "10.0.2.1"))
                .andExpect(redirectedUrl("/login?error"));

        List<AuditRecord> records = recordsAfter(before);
        assertThat(records).extracting(AuditRecord::action).containsExactly("auth.login.failure", "auth.login.failure");
        AuditRecord wrongPassword = records.get(0);
        assertThat(wrongPassword.actor()).isEqualTo("anonymous");
        assertThat(wrongPassword.actorRole()).isNull();
        assertThat(wrongPassword.targetAccount()).isEqualTo(bob.getUsername());
        assertThat(wrongPassword.outcome()).isEqualTo("denied");
        assertThat(wrongPassword.errorText()).isEqualTo("Wrong username or password.");
        assertThat(wrongPassword.clientAddress()).isEqualTo("10.0.2.1");
        assertThat(wrongPassword.requestSummary()).isEqualTo("{\"username\":\"" + bob.getUsername() + "\"}");
        assertThat(records.get(1).targetAccount()).isEqualTo("nobody-here");
        assertThat(rawAuditTable()).doesNotContain("not-the-password-1234").doesNotContain("guessed-password-5678");
    }

    @Test
    void aThrottledSignInIsRecordedAndRefusedEvenWithTheRightPassword() throws Exception {
        Account carol = newAccount("carol", Role.VIEWER);
        for (int i = 0; i < 5; i++) {
            mvc.perform(login(carol.getUsername(), "wrong-password-" + i + "xxxx", "10.0.3.1"));
        }
        long before = lastRecordId();

        mvc.perform(login(carol.getUsername(), PASSWORD, "10.0.3.1")).andExpect(redirectedUrl("/login?error"));

        AuditRecord r = onlyRecordAfter(before);
        assertThat(r.action()).isEqualTo("auth.login.throttled");
        assertThat(r.outcome()).isEqualTo("denied");
        assertThat(r.actor()).isEqualTo("anonymous");
        assertThat(r.targetAccount()).isEqualTo(carol.getUsername());
        assertThat(r.clientAddress()).isEqualTo("10.0.3.1");
        assertThat(r.errorText()).contains("Too many failed sign-in attempts");
    }

    @Test
    void signingOutIsRecorded() throws Exception {
        Account dave = newAccount("dave", Role.ADMIN);
        CookieSession session = signIn(dave.getUsername(), "10.0.4.1");
        long before = lastRecordId();

        session.perform(post("/logout").with(csrf()).with(address("10.0.4.1")))
                .andExpect(redirectedUrl("/login?logout"));

        AuditRecord r = onlyRecordAfter(before);
        assertThat(r.action()).isEqualTo("auth.logout");
        assertThat(r.actor()).isEqualTo(dave.getUsername());
        assertThat(r.actorRole()).isEqualTo("ADMIN");
        assertThat(r.clientAddress()).isEqualTo("10.0.4.1");
        assertThat(r.outcome()).isEqualTo("success");
    }

    @Test
    void everyAccountChangeMadeThroughThePagesIsRecorded() throws Exception {
        String username = unique("erin");
        long before = lastRecordId();

        mvc.perform(post("/users").with(admin()).with(csrf()).with(address("10.0.5.1"))
                .param("username", username).param("role", "VIEWER").param("password", PASSWORD))
                .andExpect(redirectedUrl("/users"));
        AuditRecord created = onlyRecordAfter(before);
        assertThat(created.action()).isEqualTo("account.created");
        assertThat(created.actor()).isEqualTo("root-admin");
        assertThat(created.actorRole()).isEqualTo("ADMIN");
        assertThat(created.targetAccount()).isEqualTo(username);
        assertThat(created.clientAddress()).isEqualTo("10.0.5.1");
        assertThat(created.requestSummary())
                .isEqualTo("{\"username\":\"" + username + "\",\"role\":\"VIEWER\",\"password\":\"[redacted]\"}");

        long id = idOf(username);
        before = lastRecordId();
        mvc.perform(post("/users/" + id + "/role").with(admin()).with(csrf()).param("role", "OPERATOR"));
        AuditRecord role = onlyRecordAfter(before);
        assertThat(role.action()).isEqualTo("account.role.changed");
        assertThat(role.changeBefore()).isEqualTo("{\"role\":\"VIEWER\"}");
        assertThat(role.changeAfter()).isEqualTo("{\"role\":\"OPERATOR\"}");
        assertThat(role.targetAccount()).isEqualTo(username);

        before = lastRecordId();
        mvc.perform(post("/users/" + id + "/enabled").with(admin()).with(csrf()).param("enabled", "false"));
        mvc.perform(post("/users/" + id + "/enabled").with(admin()).with(csrf()).param("enabled", "true"));
        assertThat(recordsAfter(before)).extracting(AuditRecord::action)
                .containsExactly("account.disabled", "account.enabled");

        before = lastRecordId();
        String resetTo = "a brand new reset passphrase";
        mvc.perform(post("/users/" + id + "/password").with(admin()).with(csrf()).param("newPassword", resetTo))
                .andExpect(redirectedUrl("/users/" + id));
        AuditRecord reset = onlyRecordAfter(before);
        assertThat(reset.action()).isEqualTo("account.password.reset");
        assertThat(reset.requestSummary()).isEqualTo("{\"newPassword\":\"[redacted]\"}");

        CookieSession session = signIn(username, resetTo, "10.0.5.2");
        before = lastRecordId();
        String ownNew = "my own fresh passphrase";
        session.perform(post("/account/password").with(csrf()).with(address("10.0.5.2"))
                .param("currentPassword", resetTo).param("newPassword", ownNew).param("confirmPassword", ownNew))
                .andExpect(redirectedUrl("/account"));
        AuditRecord own = onlyRecordAfter(before);
        assertThat(own.action()).isEqualTo("account.password.changed");
        assertThat(own.actor()).isEqualTo(username);
        assertThat(own.actorRole()).isEqualTo("OPERATOR");
        assertThat(own.requestSummary())
                .isEqualTo("{\"currentPassword\":\"[redacted]\",\"newPassword\":\"[redacted]\"}");
        assertThat(rawAuditTable()).doesNotContain(PASSWORD).doesNotContain(resetTo).doesNotContain(ownNew);
    }

    @Test
    void aChangeTheRulesRefuseIsRecordedAsInvalid() throws Exception {
        String username = unique("frank");
        long before = lastRecordId();

        mvc.perform(post("/users").with(admin()).with(csrf())
                .param("username", username).param("role", "VIEWER").param("password", "short"))
                .andExpect(status().isOk());

        AuditRecord r = onlyRecordAfter(before);
        assertThat(r.action()).isEqualTo("account.created");
        assertThat(r.outcome()).isEqualTo("invalid");
        assertThat(r.errorText()).contains("at least 12 characters");
        assertThat(jdbc.queryForObject("select count(*) from account where username = ?", Integer.class, username))
                .isZero();
    }

    @Test
    void setupOfTheFirstAdminIsRecorded() {
        jdbc.update("delete from account");
        long before = lastRecordId();

        Account admin = accounts.createFirstAdmin("first-admin", PASSWORD);

        AuditRecord r = onlyRecordAfter(before);
        assertThat(r.action()).isEqualTo("account.setup");
        assertThat(r.targetAccount()).isEqualTo(admin.getUsername());
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.requestSummary()).contains("\"role\":\"ADMIN\"").contains("[redacted]").doesNotContain(PASSWORD);

        before = lastRecordId();
        try {
            accounts.createFirstAdmin("second-admin", PASSWORD);
        } catch (RuntimeException expected) {
            assertThat(expected).hasMessageContaining("already set up");
        }
        assertThat(onlyRecordAfter(before).outcome()).isEqualTo("invalid");
    }

    @Test
    void anAccountChangeIsRefusedWhenItsRecordCannotBeWritten() throws Exception {
        String username = unique("grace");
        long before = lastRecordId();
        jdbc.execute("alter table audit_record rename to audit_record_unavailable");
        try {
            mvc.perform(post("/users").with(admin()).with(csrf())
                    .param("username", username).param("role", "VIEWER").param("password", PASSWORD))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("Nothing was changed")));
        } finally {
            jdbc.execute("alter table audit_record_unavailable rename to audit_record");
        }
        assertThat(jdbc.queryForObject("select count(*) from account where username = ?", Integer.class, username))
                .isZero();
        assertThat(recordsAfter(before)).isEmpty();
    }

    @Test
    void aSignInIsRefusedWhenItsRecordCannotBeWritten() throws Exception {
        Account heidi = newAccount("heidi", Role.VIEWER);
        jdbc.execute("alter table audit_record rename to audit_record_unavailable");
        try {
            mvc.perform(login(heidi.getUsername(), PASSWORD, "10.0.6.1")).andExpect(redirectedUrl("/login?error"));
        } finally {
            jdbc.execute("alter table audit_record_unavailable rename to audit_record");
        }
        mvc.perform(login(heidi.getUsername(), PASSWORD, "10.0.6.1")).andExpect(redirectedUrl("/"));
    }

    @Test
    void aRefusedChangeRequestIsRecordedAsDenied() throws Exception {
        long before = lastRecordId();
        mvc.perform(post("/users").with(user("ivan").roles("OPERATOR")).with(csrf())
                .param("username", "x-" + unique("y")).param("role", "ADMIN").param("password", PASSWORD))
                .andExpect(status().isForbidden());
        AuditRecord r = onlyRecordAfter(before);
        assertThat(r.action()).isEqualTo("request.denied");
        assertThat(r.actor()).isEqualTo("ivan");
        assertThat(r.actorRole()).isEqualTo("OPERATOR");
        assertThat(r.outcome()).isEqualTo("denied");
        assertThat(r.httpStatus()).isEqualTo(403);
        assertThat(r.requestSummary()).isEqualTo("{\"method\":\"POST\",\"path\":\"/users\"}");
        assertThat(rawAuditTable()).doesNotContain(PASSWORD);
    }

    private Account newAccount(String prefix, Role role) {
        signInAs("root-admin", "ADMIN");
        try {
            return accounts.create(unique(prefix), PASSWORD, role);
        } finally {
            signOut();
        }
    }

    private CookieSession signIn(String username, String address) throws Exception {
        return signIn(username, PASSWORD, address);
    }

    private CookieSession signIn(String username, String password, String address) throws Exception {
        CookieSession session = new CookieSession(mvc);
        session.perform(login(username, password, address)).andExpect(redirectedUrl("/"));
        return session;
    }

    private static MockHttpServletRequestBuilder login(String username, String password, String address) {
        return post("/login").param("username", username).param("password", password)
                .header("User-Agent", USER_AGENT).with(csrf()).with(address(address));
    }

    private static RequestPostProcessor address(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static RequestPostProcessor admin() {
        return user("root-admin").roles("ADMIN");
    }

    private long idOf(String username) {
        return jdbc.queryForObject("select id from account where username = ?", Long.class, username);
    }

    private static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000;
    }

    /** Every stored value of every audit record, as one text, to scan for secrets. */
    String rawAuditTable() {
        StringBuilder all = new StringBuilder();
        jdbc.query("select * from audit_record", rs -> {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                all.append(rs.getString(i)).append('\u001f');
            }
        });
        return all.toString();
    }
}
