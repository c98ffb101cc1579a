package dev.pipedeck.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.pipedeck.testsupport.CookieSession;
import dev.pipedeck.secrets.EncryptedSecretStore;
import dev.pipedeck.secrets.SecretCipher;
import dev.pipedeck.secrets.StoredSecret;
import dev.pipedeck.testsupport.MutableClock;
import dev.pipedeck.testsupport.TestAccounts;

/**
 * Two-step sign-in (TOTP) as a person uses it through the pages: enrolment (secret, QR code, a first code, ten
 * recovery codes shown once), sign-in that grants nothing until the code, codes accepted once and throttled like
 * passwords, recovery codes, an admin's reset, the API refusing the password, and the secret never stored, logged or
 * audited in clear.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class SecondFactorTest {

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-11-24T10:00:05Z"));
        }
    }

    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\"[^>]*>([A-Z2-7 ]+)<");
    private static final Pattern RECOVERY_CODE = Pattern.compile("<code>([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})</code>");
    private static final Pattern ERROR_FLASH = Pattern.compile("class=\"flash flash-error\"[^>]*>([^<]*)<");

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService accounts;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SecretCipher cipher;

    @Autowired
    List<EncryptedSecretStore> secretStores;

    String username;
    String address;

    record Enrolled(String secret, List<String> recoveryCodes) {
    }

    @BeforeEach
    void newAccount() {
        username = "totp-" + System.nanoTime();
        address = "10.9." + (System.nanoTime() % 200) + "." + (System.nanoTime() % 250 + 1);
        TestAccounts.create(accounts, username, Role.OPERATOR);
        // Every test starts at the beginning of a fresh 30-second step.
        clock.advance(Duration.ofSeconds(30 - clock.instant().getEpochSecond() % 30 + 30 + 5));
    }

    private RequestPostProcessor from(String clientAddress) {
        return request -> {
            request.setRemoteAddr(clientAddress);
            return request;
        };
    }

    private MockHttpServletResponse password(CookieSession session, String password) throws Exception {
        return session.perform(post("/login").with(csrf()).with(from(address))
                .param("username", username).param("password", password)).andReturn().getResponse();
    }

    private MockHttpServletResponse code(CookieSession session, String code) throws Exception {
        return session.perform(post("/login/code").with(csrf()).with(from(address)).param("code", code))
                .andReturn().getResponse();
    }

    private String codeNow(String secret) {
        return TimeBasedOneTimePassword.code(Base32.decode(secret), TimeBasedOneTimePassword.stepAt(clock.instant()));
    }

    private String get200(CookieSession session, String path) throws Exception {
        MockHttpServletResponse response = session.perform(get(path)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private String errorOn(CookieSession session, String path) throws Exception {
        String page = session.perform(get(path).param("error", "")).andReturn().getResponse()
                .getContentAsString();
        Matcher flash = ERROR_FLASH.matcher(page);
        return flash.find() ? flash.group(1).strip() : "";
    }

    private CookieSession signedInWithPasswordOnly() throws Exception {
        CookieSession session = new CookieSession(mvc);
        assertThat(password(session, TestAccounts.PASSWORD).getRedirectedUrl()).isEqualTo("/");
        return session;
    }

    /** Enrols through the pages, as the user would with their phone. */
    private Enrolled enrol() throws Exception {
        CookieSession session = signedInWithPasswordOnly();
        assertThat(get200(session, "/account")).contains("Set up two-step sign-in");
        session.perform(post("/account/second-factor/start").with(csrf()));
        String page = get200(session, "/account/second-factor");
        Matcher secretShown = SECRET.matcher(page);
        assertThat(secretShown.find()).as("the secret is shown").isTrue();
        String secret = secretShown.group(1).replace(" ", "");
        assertThat(Base32.decode(secret)).as("160 random bits").hasSize(20);
        assertThat(page).contains("otpauth://totp/Pipedeck%3A" + username + "?secret=" + secret
                + "&amp;issuer=Pipedeck&amp;algorithm=SHA1&amp;digits=6&amp;period=30")
                .contains("src=\"data:image/svg+xml;base64,");

        String confirmed = session.perform(post("/account/second-factor/confirm").with(csrf())
                .param("code", codeNow(secret))).andReturn().getResponse().getContentAsString();
        List<String> codes = new ArrayList<>();
        Matcher code = RECOVERY_CODE.matcher(confirmed);
        while (code.find()) {
            codes.add(code.group(1));
        }
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(confirmed).contains("shown only this once");
        assertThat(get200(session, "/account/second-factor")).contains("Recovery codes left: <strong>10</strong>")
                .doesNotContain(codes.get(0)).doesNotContain(secret);
        // The confirming code's step is used: sign-ins in these tests start at the next step.
        clock.advance(Duration.ofSeconds(30));
        return new Enrolled(secret, codes);
    }

    private long lastAuditId() {
        return jdbc.queryForObject("select coalesce(max(id), 0) from audit_record", Long.class);
    }

    private List<Map<String, Object>> auditAfter(long id) {
        return jdbc.queryForList("select action, actor, actor_role, channel, target_account, outcome, error_text, "
                + "request_summary from audit_record where id > ? order by id", id);
    }

    @Test
    void aWrongFirstCodeDoesNotTurnItOn() throws Exception {
        CookieSession session = signedInWithPasswordOnly();
        session.perform(post("/account/second-factor/start").with(csrf()));
        String page = session.perform(post("/account/second-factor/confirm").with(csrf())
                .param("code", "000000")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("That code does not match").doesNotContain("Your recovery codes");
        assertThat(jdbc.queryForObject("select count(*) from account_second_factor f join account a on a.id = "
                + "f.account_id where a.username = ? and f.enabled_at is null", Integer.class, username)).isEqualTo(1);
        assertThat(signedInWithPasswordOnly()).as("the password alone still signs in").isNotNull();
    }

    @Test
    void signInAsksForTheCodeAndGrantsNothingBeforeIt() throws Exception {
        Enrolled enrolled = enrol();
        long before = lastAuditId();
        CookieSession session = new CookieSession(mvc);

        assertThat(password(session, TestAccounts.PASSWORD).getRedirectedUrl()).isEqualTo("/login/code");
        for (String path : List.of("/", "/account", "/account/second-factor")) {
            assertThat(session.perform(get(path)).andReturn().getResponse().getRedirectedUrl())
                    .as("%s before the code", path).endsWith("/login");
        }
        assertThat(session.perform(get("/api/v1/organizations")).andReturn().getResponse().getStatus())
                .isEqualTo(401);
        assertThat(get200(session, "/login/code")).contains("Password accepted for <strong>" + username + "</strong>");

        assertThat(code(session, "123456").getRedirectedUrl()).isEqualTo("/login/code?error");
        assertThat(errorOn(session, "/login/code")).startsWith("That code is not right");
        assertThat(session.perform(get("/")).andReturn().getResponse().getRedirectedUrl())
                .endsWith("/login");

        assertThat(code(session, codeNow(enrolled.secret())).getRedirectedUrl())
                .as("on to the page asked for before the code").isEqualTo("http://localhost/?continue");
        assertThat(get200(session, "/account")).contains(username).contains("Operator");

        List<Map<String, Object>> records = auditAfter(before);
        assertThat(records).extracting(r -> r.get("action"))
                .as("no record for the password step: it signed nobody in")
                .containsExactly("auth.login.failure", "auth.login.success");
        assertThat(records.get(0)).containsEntry("target_account", username)
                .containsEntry("error_text", "Wrong authentication code (after a correct password).");
        assertThat(records.get(1)).containsEntry("actor", username).containsEntry("actor_role", "OPERATOR")
                .containsEntry("request_summary", "{\"secondFactor\":\"totp\"}");
    }

    @Test
    void aCodeIsAcceptedOnlyOnce() throws Exception {
        Enrolled enrolled = enrol();
        String code = codeNow(enrolled.secret());
        CookieSession first = new CookieSession(mvc);
        password(first, TestAccounts.PASSWORD);
        assertThat(code(first, code).getRedirectedUrl()).isEqualTo("/");

        CookieSession replay = new CookieSession(mvc);
        password(replay, TestAccounts.PASSWORD);
        assertThat(code(replay, code).getRedirectedUrl()).as("the same code again, within its window")
                .isEqualTo("/login/code?error");

        clock.advance(Duration.ofSeconds(30));
        assertThat(code(replay, code).getRedirectedUrl()).as("still refused one step later (it is in the drift window)")
                .isEqualTo("/login/code?error");
        assertThat(code(replay, codeNow(enrolled.secret())).getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void wrongCodesAreThrottledWithThePasswordsAndAPasswordDoesNotResetTheCount() throws Exception {
        Enrolled enrolled = enrol();
        CookieSession session = new CookieSession(mvc);
        password(session, TestAccounts.PASSWORD);
        for (int i = 0; i < 4; i++) {
            code(session, "00000" + i);
        }
        CookieSession again = new CookieSession(mvc);
        assertThat(password(again, TestAccounts.PASSWORD).getRedirectedUrl())
                .as("the right password still leads to the code").isEqualTo("/login/code");
        code(again, "111111");

        assertThat(code(again, codeNow(enrolled.secret())).getRedirectedUrl()).isEqualTo("/login/code?error");
        assertThat(errorOn(again, "/login/code")).isEqualTo("Too many failed sign-in attempts. Try again in 5 minutes.");
        CookieSession fresh = new CookieSession(mvc);
        assertThat(password(fresh, TestAccounts.PASSWORD).getRedirectedUrl()).isEqualTo("/login?error");

        clock.advance(Duration.ofMinutes(5).plusSeconds(30));
        CookieSession later = new CookieSession(mvc);
        password(later, TestAccounts.PASSWORD);
        assertThat(code(later, codeNow(enrolled.secret())).getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void aRecoveryCodeSignsInOnce() throws Exception {
        Enrolled enrolled = enrol();
        long before = lastAuditId();
        CookieSession session = new CookieSession(mvc);
        password(session, TestAccounts.PASSWORD);
        assertThat(code(session, enrolled.recoveryCodes().get(0)).getRedirectedUrl()).isEqualTo("/");
        assertThat(get200(session, "/account")).contains("9 recovery codes left.");

        CookieSession again = new CookieSession(mvc);
        password(again, TestAccounts.PASSWORD);
        assertThat(code(again, enrolled.recoveryCodes().get(0)).getRedirectedUrl()).isEqualTo("/login/code?error");
        String typedLoosely = enrolled.recoveryCodes().get(1).replace("-", " ").toLowerCase(Locale.ROOT);
        assertThat(code(again, typedLoosely).getRedirectedUrl()).isEqualTo("/");

        assertThat(auditAfter(before)).extracting(r -> r.get("action")).containsSubsequence(
                "account.totp.recovery-code.used", "auth.login.success", "auth.login.failure",
                "account.totp.recovery-code.used", "auth.login.success");
    }

    @Test
    void thePendingSignInExpiresAfterFiveMinutes() throws Exception {
        Enrolled enrolled = enrol();
        CookieSession session = new CookieSession(mvc);
        password(session, TestAccounts.PASSWORD);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(code(session, codeNow(enrolled.secret())).getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(errorOn(session, "/login")).startsWith("The sign-in took too long");
        assertThat(get200(session, "/login/code")).contains("No sign-in is waiting for a code");
    }

    @Test
    void theApiRefusesThePasswordOfAnAccountWithASecondFactor() throws Exception {
        assertThat(mvc.perform(get("/api/v1/organizations").with(httpBasic(username, TestAccounts.PASSWORD)))
                .andReturn().getResponse().getStatus()).as("before enrolment").isEqualTo(200);
        enrol();
        MockHttpServletResponse refused = mvc.perform(get("/api/v1/organizations")
                .with(httpBasic(username, TestAccounts.PASSWORD))).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(refused.getContentAsString()).contains("Accounts with two-step sign-in (TOTP) or single sign-on use "
                + "API tokens only.");
    }

    @Test
    void anAdminResetsALostSecondFactorAndTheUsersSessionsEnd() throws Exception {
        Enrolled enrolled = enrol();
        CookieSession session = new CookieSession(mvc);
        password(session, TestAccounts.PASSWORD);
        code(session, codeNow(enrolled.secret()));
        long id = jdbc.queryForObject("select id from account where username = ?", Long.class, username);
        long before = lastAuditId();

        assertThat(mvc.perform(post("/users/" + id + "/second-factor/reset").with(csrf())
                .with(user(username).roles("OPERATOR"))).andReturn().getResponse().getStatus())
                .as("not for operators").isEqualTo(403);
        assertThat(mvc.perform(post("/users/" + id + "/second-factor/reset").with(csrf())
                .with(user("root-admin").roles("ADMIN"))).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/users/" + id);

        assertThat(session.perform(get("/")).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login?expired");
        assertThat(signedInWithPasswordOnly()).as("the password alone signs in again").isNotNull();
        assertThat(jdbc.queryForObject("select count(*) from account_recovery_code where account_id = ?",
                Integer.class, id)).isZero();
        assertThat(auditAfter(before)).filteredOn(r -> "success".equals(r.get("outcome")))
                .extracting(r -> r.get("action")).startsWith("account.totp.reset");
    }

    @Test
    void turningItOffNeedsACurrentCode() throws Exception {
        Enrolled enrolled = enrol();
        CookieSession session = new CookieSession(mvc);
        password(session, TestAccounts.PASSWORD);
        code(session, codeNow(enrolled.secret()));
        clock.advance(Duration.ofSeconds(30));

        session.perform(post("/account/second-factor/disable").with(csrf()).param("code", "999999"));
        assertThat(get200(session, "/account/second-factor")).contains("That code does not match");
        session.perform(post("/account/second-factor/disable").with(csrf())
                .param("code", codeNow(enrolled.secret())));
        assertThat(get200(session, "/account/second-factor")).contains("Two-step sign-in is off");
        assertThat(signedInWithPasswordOnly()).isNotNull();
    }

    @Test
    void theSecretIsEncryptedAtRestBoundToItsAccountAndInNoLogNorAuditRecord(CapturedOutput output) throws Exception {
        Enrolled enrolled = enrol();
        CookieSession session = new CookieSession(mvc);
        password(session, TestAccounts.PASSWORD);
        code(session, codeNow(enrolled.secret()));

        long id = jdbc.queryForObject("select id from account where username = ?", Long.class, username);
        String ciphertext = jdbc.queryForObject("select secret_ciphertext from account_second_factor where "
                + "account_id = ?", String.class, id);
        assertThat(cipher.decrypt(ciphertext, SecondFactor.bindingOf(id))).isEqualTo(enrolled.secret());
        List<String> tables = jdbc.queryForList("select table_name from information_schema.tables "
                + "where table_schema = current_schema and table_type = 'BASE TABLE'", String.class);
        assertThat(tables).contains("account_second_factor", "account_recovery_code", "audit_record");
        String grouped = enrolled.secret().replaceAll("(.{4})(?!$)", "$1 ");
        for (String table : tables) {
            for (Map<String, Object> row : jdbc.queryForList("select * from " + table)) {
                row.forEach((column, value) -> assertThat(text(value)).as(table + "." + column)
                        .doesNotContain(enrolled.secret()).doesNotContain(grouped)
                        .doesNotContain(enrolled.recoveryCodes().get(3)));
            }
        }
        assertThat(output.getAll()).doesNotContain(enrolled.secret()).doesNotContain(enrolled.recoveryCodes().get(3));
        EncryptedSecretStore store = secretStores.stream().filter(s -> s.name().equals("two-step sign-in secrets"))
                .findFirst().orElseThrow();
        assertThat(store.all()).extracting(StoredSecret::binding).contains(SecondFactor.bindingOf(id));
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }
}
