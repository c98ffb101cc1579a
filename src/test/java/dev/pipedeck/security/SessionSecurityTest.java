package dev.pipedeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.pipedeck.testsupport.CookieSession;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.Account;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.ApiTokenService;
import dev.pipedeck.users.NewApiToken;
import dev.pipedeck.users.Role;
import dev.pipedeck.users.SecondFactorService;

/**
 * Sessions (kept in the database, found by the PIPEDECK_SESSION cookie): the session id changes at sign-in, after
 * the password and again after the second step, and an id known before (planted by an attacker) signs nobody in; the
 * cookie is HttpOnly and SameSite=Lax, and Secure over HTTPS; an admin's password reset ends the user's sessions at
 * their next request, and a revoked API token is refused on its very next request.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class SessionSecurityTest {

    private static final String COOKIE = CookieSession.COOKIE;

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService accounts;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    SecondFactorService secondFactors;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPasswordSignInGetsANewSessionIdAndThePlantedOneSignsNobodyIn() throws Exception {
        String username = "fixation-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.OPERATOR);
        MockHttpServletResponse loginPage = mvc.perform(get("/login")).andReturn().getResponse();
        Cookie planted = loginPage.getCookie(COOKIE);
        assertThat(planted).as("the login page starts a session (for its CSRF token)").isNotNull();

        MockHttpServletResponse signedIn = mvc.perform(post("/login").cookie(planted)
                .param("_csrf", formToken(loginPage)).param("username", username)
                .param("password", TestAccounts.PASSWORD)).andReturn().getResponse();

        assertThat(signedIn.getRedirectedUrl()).isEqualTo("/");
        Cookie session = signedIn.getCookie(COOKIE);
        assertThat(session).as("a session cookie is set at sign-in").isNotNull();
        assertThat(session.getValue()).as("with a new session id").isNotEqualTo(planted.getValue());
        assertThat(status(get("/account").cookie(session))).as("the new id is signed in").isEqualTo(200);
        assertThat(mvc.perform(get("/account").cookie(planted)).andReturn().getResponse().getRedirectedUrl())
                .as("the planted id is not").endsWith("/login");
    }

    @Test
    void theSecondStepGetsANewSessionIdAgain() throws Exception {
        String username = "fixation-2fa-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.OPERATOR);
        List<String> recoveryCodes = enrol(username);

        MockHttpServletResponse loginPage = mvc.perform(get("/login")).andReturn().getResponse();
        Cookie planted = loginPage.getCookie(COOKIE);
        MockHttpServletResponse password = mvc.perform(post("/login").cookie(planted)
                .param("_csrf", formToken(loginPage)).param("username", username)
                .param("password", TestAccounts.PASSWORD)).andReturn().getResponse();
        assertThat(password.getRedirectedUrl()).isEqualTo("/login/code");
        Cookie pending = password.getCookie(COOKIE);
        assertThat(pending).as("the password step changes the session id").isNotNull();
        assertThat(pending.getValue()).isNotEqualTo(planted.getValue());
        assertThat(mvc.perform(get("/account").cookie(pending)).andReturn().getResponse().getRedirectedUrl())
                .as("half signed in is not signed in").endsWith("/login");

        MockHttpServletResponse codePage = mvc.perform(get("/login/code").cookie(pending)).andReturn().getResponse();
        MockHttpServletResponse code = mvc.perform(post("/login/code").cookie(pending)
                .param("_csrf", formToken(codePage)).param("code", recoveryCodes.get(0))).andReturn().getResponse();

        assertThat(code.getRedirectedUrl()).as("signed in, on to the page asked for before").endsWith("/account?continue");
        Cookie session = code.getCookie(COOKIE);
        assertThat(session).as("the second step changes the session id again").isNotNull();
        assertThat(session.getValue()).isNotEqualTo(pending.getValue()).isNotEqualTo(planted.getValue());
        assertThat(status(get("/account").cookie(session))).isEqualTo(200);
        for (Cookie old : List.of(planted, pending)) {
            assertThat(mvc.perform(get("/account").cookie(old)).andReturn().getResponse().getRedirectedUrl())
                    .as("an id from before the second step signs nobody in").endsWith("/login");
        }
    }

    @Test
    void theSessionCookieIsHttpOnlySameSiteLaxAndSecureOverHttps() throws Exception {
        String plain = sessionCookieHeader(get("/login"));
        assertThat(plain).startsWith(COOKIE + "=").contains("; HttpOnly", "; SameSite=Lax", "; Path=/")
                .doesNotContain("Secure").doesNotContainIgnoringCase("Expires").doesNotContainIgnoringCase("Max-Age");

        String overHttps = sessionCookieHeader(get("/login").secure(true));
        assertThat(overHttps).startsWith(COOKIE + "=").contains("; Secure", "; HttpOnly", "; SameSite=Lax");

        String username = "flags-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.VIEWER);
        MockHttpServletResponse loginPage = mvc.perform(get("/login").secure(true)).andReturn().getResponse();
        MockHttpServletResponse signedIn = mvc.perform(post("/login").secure(true).cookie(loginPage.getCookie(COOKIE))
                .param("_csrf", formToken(loginPage)).param("username", username)
                .param("password", TestAccounts.PASSWORD)).andReturn().getResponse();
        assertThat(signedIn.getHeaders("Set-Cookie")).as("the signed-in session's cookie over HTTPS")
                .filteredOn(header -> header.startsWith(COOKIE + "=")).singleElement().asString()
                .contains("; Secure", "; HttpOnly", "; SameSite=Lax");
    }

    @Test
    void anAdminsPasswordResetEndsTheUsersCookieSessionsAtTheirNextRequest() throws Exception {
        String username = "reset-" + System.nanoTime();
        Account account = TestAccounts.create(accounts, username, Role.OPERATOR);
        String adminName = "reset-admin-" + System.nanoTime();
        TestAccounts.create(accounts, adminName, Role.ADMIN);
        CookieSession first = SignedInBrowser.signIn(mvc, username);
        CookieSession second = SignedInBrowser.signIn(mvc, username);
        CookieSession admin = SignedInBrowser.signIn(mvc, adminName);
        assertThat(first.perform(get("/")).andReturn().getResponse().getStatus()).isEqualTo(200);

        MockHttpServletResponse reset = admin.perform(post("/users/{id}/password", account.getId()).with(csrf())
                .param("newPassword", "a brand new passphrase")).andReturn().getResponse();
        assertThat(reset.getRedirectedUrl()).isEqualTo("/users/" + account.getId());

        for (CookieSession ended : List.of(first, second)) {
            assertThat(ended.perform(get("/")).andReturn().getResponse().getRedirectedUrl())
                    .as("the user's session ended").endsWith("/login?expired");
            assertThat(ended.perform(get("/account")).andReturn().getResponse().getRedirectedUrl())
                    .as("and stays ended").endsWith("/login");
        }
        MockHttpServletResponse adminAgain = SignedInBrowser.signIn(mvc, adminName).perform(get("/")).andReturn()
                .getResponse();
        assertThat(adminAgain.getStatus()).as("the admin signs in and works on").isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from spring_session where principal_name = ?", Integer.class,
                username)).as("the user's sessions are gone from the database").isZero();
    }

    @Test
    void aRevokedTokenIsRefusedOnItsVeryNextRequest() throws Exception {
        String username = "revoke-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.OPERATOR);
        NewApiToken token = TestAccounts.as(username, Role.OPERATOR,
                () -> tokens.create(username, "ci", Role.VIEWER, null));
        String basic = "Basic " + Base64.getEncoder().encodeToString((token.token().getTokenId() + ":"
                + token.secret()).getBytes(StandardCharsets.UTF_8));
        assertThat(status(get("/api/v1/organizations").header("Authorization", basic))).isEqualTo(200);

        CookieSession owner = SignedInBrowser.signIn(mvc, username);
        MockHttpServletResponse revoked = owner.perform(post("/account/tokens/{id}/revoke",
                token.token().getTokenId()).with(csrf())).andReturn().getResponse();
        assertThat(revoked.getRedirectedUrl()).isEqualTo("/account");

        MockHttpServletResponse next = mvc.perform(get("/api/v1/organizations").header("Authorization", basic))
                .andReturn().getResponse();
        assertThat(next.getStatus()).as("the very next request").isEqualTo(401);
        assertThat(next.getContentAsString()).contains("UNAUTHORIZED");
    }

    // ---- helpers

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private String sessionCookieHeader(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getHeaders("Set-Cookie").stream()
                .filter(header -> header.startsWith(COOKIE + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie set"));
    }

    private static String formToken(MockHttpServletResponse page) throws Exception {
        String token = Jsoup.parse(page.getContentAsString()).select("form input[name=_csrf]").attr("value");
        assertThat(token).as("the form's CSRF token").isNotBlank();
        return token;
    }

    /** Turns two-step sign-in on as the user would (their authenticator app computes the code); its recovery codes. */
    private List<String> enrol(String username) {
        return TestAccounts.as(username, Role.OPERATOR, () -> {
            String secret = secondFactors.startEnrolment(username).secret();
            return secondFactors.confirmEnrolment(username, totp(secret, Instant.now()));
        });
    }

    /** RFC 6238 with the defaults authenticator apps use: HMAC-SHA1, 30-second steps, six digits. */
    private static String totp(String base32Secret, Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(at.getEpochSecond() / 30).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = text.replace(" ", "").replace("=", "").toUpperCase();
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
