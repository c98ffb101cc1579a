package dev.pipedeck.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import dev.pipedeck.testsupport.CookieSession;
import dev.pipedeck.testsupport.LocalOidcProvider;
import dev.pipedeck.testsupport.TestAccounts;

/**
 * OpenID Connect sign-in against a provider started by the test (discovery, JWKS, token endpoint; ID tokens signed
 * with its own RSA key), driven through the real filter chain: the redirect to the provider with state and nonce,
 * the callback with the code, the account found or created, its role mapped from the groups claim at every sign-in
 * (highest wins; no mapped group refused, as default-role is NONE here), and every outcome audited on channel oidc.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SingleSignOnTest {

    static final String CLIENT_ID = "pipedeck-test";
    static final String CLIENT_SECRET = "test-client-secret-" + System.nanoTime();
    static final LocalOidcProvider PROVIDER = new LocalOidcProvider(CLIENT_ID, CLIENT_SECRET);

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        registry.add("pipedeck.sso.oidc.issuer-uri", PROVIDER::issuer);
        registry.add("pipedeck.sso.oidc.client-id", () -> CLIENT_ID);
        registry.add("pipedeck.sso.oidc.client-secret", () -> CLIENT_SECRET);
        registry.add("pipedeck.sso.oidc.display-name", () -> "Test IdP");
        registry.add("pipedeck.sso.oidc.role-mapping[pipedeck-admins]", () -> "ADMIN");
        registry.add("pipedeck.sso.oidc.role-mapping[pipedeck-operators]", () -> "OPERATOR");
        registry.add("pipedeck.sso.oidc.role-mapping[staff]", () -> "VIEWER");
        registry.add("pipedeck.sso.oidc.default-role", () -> "NONE");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcTemplate jdbc;

    record Attempt(CookieSession session, MockHttpServletResponse callback) {

        boolean signedIn() {
            return "/".equals(callback.getRedirectedUrl());
        }
    }

    /** The browser's part: to the provider and back with a code for {@code subject}, in one session. */
    Attempt signIn(String subject, String username, List<String> groups) throws Exception {
        return signIn(subject, Map.of("preferred_username", username, "groups", groups), null);
    }

    Attempt signIn(String subject, Map<String, Object> claims, String forgedNonce) throws Exception {
        CookieSession session = new CookieSession(mvc);
        MockHttpServletResponse toProvider = session.perform(get("/oauth2/authorization/oidc"))
                .andReturn().getResponse();
        assertThat(toProvider.getStatus()).isEqualTo(302);
        assertThat(toProvider.getRedirectedUrl()).startsWith(PROVIDER.issuer() + "/authorize?");
        Map<String, String> request = LocalOidcProvider.queryOf(toProvider.getRedirectedUrl());
        assertThat(request).containsEntry("client_id", CLIENT_ID).containsEntry("response_type", "code")
                .containsKeys("state", "nonce").containsEntry("redirect_uri", "http://localhost/login/oauth2/code/oidc");
        assertThat(request.get("scope")).contains("openid");
        String code = PROVIDER.issueCode(forgedNonce != null ? forgedNonce : request.get("nonce"), subject, claims);
        MockHttpServletResponse callback = session.perform(get("/login/oauth2/code/oidc")
                .param("code", code).param("state", request.get("state"))).andReturn().getResponse();
        return new Attempt(session, callback);
    }

    static String unique(String name) {
        return name + "-" + System.nanoTime();
    }

    long lastAuditId() {
        return jdbc.queryForObject("select coalesce(max(id), 0) from audit_record", Long.class);
    }

    List<Map<String, Object>> auditAfter(long id) {
        return jdbc.queryForList("select action, actor, actor_role, channel, target_account, outcome, error_text, "
                + "request_summary, change_before, change_after from audit_record where id > ? order by id", id);
    }

    Map<String, Object> account(String username) {
        return jdbc.queryForMap("select * from account where username = ?", username);
    }

    String page(CookieSession session, String path) throws Exception {
        return session.perform(get(path)).andReturn().getResponse().getContentAsString();
    }

    /** The sign-in page as shown after a failure in this session. */
    String loginError(CookieSession session) throws Exception {
        return session.perform(get("/login").param("error", "")).andReturn().getResponse()
                .getContentAsString();
    }

    @Test
    void theSignInPageOffersTheProviderBesidesPasswords() throws Exception {
        String login = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        assertThat(login).contains("Sign in with Test IdP").contains("href=\"/oauth2/authorization/oidc\"")
                .contains("name=\"password\"");
    }

    @Test
    void aFirstSignInCreatesALinkedAccountWithTheHighestMappedRole() throws Exception {
        String username = unique("ada");
        String subject = "sub-" + username;
        long before = lastAuditId();

        Attempt attempt = signIn(subject, username, List.of("staff", "unrelated", "pipedeck-admins",
                "pipedeck-operators"));

        assertThat(attempt.signedIn()).as("signed in, sent home").isTrue();
        assertThat(PROVIDER.tokenRequests()).anySatisfy(body -> assertThat(body).contains("grant_type=authorization_code"));
        Map<String, Object> row = account(username);
        assertThat(row.get("kind")).isEqualTo("EXTERNAL");
        assertThat(row.get("role")).isEqualTo("ADMIN");
        assertThat(row.get("password_hash")).isNull();
        assertThat(row.get("external_issuer")).isEqualTo(PROVIDER.issuer());
        assertThat(row.get("external_subject")).isEqualTo(subject);
        assertThat(attempt.session().perform(get("/users")).andReturn().getResponse().getStatus())
                .as("an admin page, as an admin").isEqualTo(200);
        assertThat(page(attempt.session(), "/account")).contains(username).contains("Single sign-on")
                .doesNotContain("Change your password");

        List<Map<String, Object>> records = auditAfter(before);
        assertThat(records).extracting(r -> r.get("action")).containsExactly("account.created", "auth.login.success");
        assertThat(records.get(0)).containsEntry("channel", "oidc").containsEntry("target_account", username)
                .containsEntry("outcome", "success");
        assertThat((String) records.get(0).get("request_summary")).contains("\"kind\":\"EXTERNAL\"",
                "\"role\":\"ADMIN\"", "pipedeck-admins");
        assertThat(records.get(1)).containsEntry("channel", "oidc").containsEntry("actor", username)
                .containsEntry("actor_role", "ADMIN").containsEntry("outcome", "success");
    }

    @Test
    void theRoleIsReadAgainAtEverySignInAndADemotionEndsTheOlderSessions() throws Exception {
        String username = unique("bert");
        String subject = "sub-" + username;
        Attempt first = signIn(subject, username, List.of("pipedeck-operators"));
        assertThat(first.signedIn()).isTrue();
        assertThat(account(username).get("role")).isEqualTo("OPERATOR");
        assertThat(page(first.session(), "/account")).contains("Operator");
        long before = lastAuditId();

        Attempt second = signIn(subject, username, List.of("staff"));

        assertThat(second.signedIn()).isTrue();
        assertThat(account(username).get("role")).as("demoted at the next sign-in").isEqualTo("VIEWER");
        assertThat(jdbc.queryForObject("select count(*) from account where external_subject = ?", Integer.class,
                subject)).as("the same account, found by issuer and subject").isEqualTo(1);
        MockHttpServletResponse older = first.session().perform(get("/")).andReturn().getResponse();
        assertThat(older.getRedirectedUrl()).as("the operator session ended").isEqualTo("/login?expired");
        List<Map<String, Object>> records = auditAfter(before);
        assertThat(records).extracting(r -> r.get("action"))
                .containsExactly("account.role.changed", "auth.login.success");
        assertThat(records.get(0)).containsEntry("channel", "oidc").containsEntry("change_before", "{\"role\":\"OPERATOR\"}")
                .containsEntry("change_after", "{\"role\":\"VIEWER\"}");
        assertThat(records.get(1)).containsEntry("actor_role", "VIEWER");
        assertThat(second.session().perform(post("/organizations/x/services/y/wake").with(csrf()))
                .andReturn().getResponse().getStatus()).as("a viewer may not change things").isEqualTo(403);
    }

    @Test
    void withDefaultRoleNoneAUserInNoMappedGroupIsRefusedAndAudited() throws Exception {
        String username = unique("cleo");
        long before = lastAuditId();

        Attempt attempt = signIn("sub-" + username, username, List.of("marketing"));

        assertThat(attempt.signedIn()).isFalse();
        assertThat(attempt.callback().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(loginError(attempt.session())).contains("None of your groups at Test IdP gives a Pipedeck role");
        assertThat(jdbc.queryForObject("select count(*) from account where username = ?", Integer.class, username))
                .as("no account created").isZero();
        assertThat(attempt.session().perform(get("/")).andReturn().getResponse().getRedirectedUrl())
                .as("not signed in").endsWith("/login");
        List<Map<String, Object>> records = auditAfter(before);
        assertThat(records).hasSize(1);
        assertThat(records.get(0)).containsEntry("action", "auth.login.failure").containsEntry("channel", "oidc")
                .containsEntry("actor", "anonymous").containsEntry("target_account", username)
                .containsEntry("outcome", "denied");
        assertThat((String) records.get(0).get("error_text")).contains("None of your groups");
    }

    @Test
    void aUserRemovedFromEveryMappedGroupIsRefusedAndSignedOutEverywhere() throws Exception {
        String username = unique("dora");
        String subject = "sub-" + username;
        Attempt first = signIn(subject, username, List.of("staff"));
        assertThat(first.signedIn()).isTrue();

        Attempt refused = signIn(subject, username, List.of());

        assertThat(refused.signedIn()).isFalse();
        assertThat(first.session().perform(get("/")).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login?expired");
    }

    @Test
    void aDisabledExternalAccountStaysRefused() throws Exception {
        String username = unique("emil");
        String subject = "sub-" + username;
        assertThat(signIn(subject, username, List.of("staff")).signedIn()).isTrue();
        long id = ((Number) account(username).get("id")).longValue();
        TestAccounts.asAdmin(() -> accounts.setEnabled(id, false));
        long before = lastAuditId();

        Attempt attempt = signIn(subject, username, List.of("pipedeck-admins"));

        assertThat(attempt.signedIn()).isFalse();
        assertThat(loginError(attempt.session())).contains("is disabled");
        assertThat(account(username).get("role")).as("no role change for a refused sign-in").isEqualTo("VIEWER");
        assertThat(auditAfter(before)).extracting(r -> r.get("action")).containsExactly("auth.login.failure");
    }

    @Test
    void anExternalAccountHasNoPasswordOnThePagesNorOnTheApi() throws Exception {
        String username = unique("fynn");
        assertThat(signIn("sub-" + username, username, List.of("pipedeck-admins")).signedIn()).isTrue();

        MockHttpServletResponse form = mvc.perform(post("/login").with(csrf()).param("username", username)
                .param("password", "anything at all here")).andReturn().getResponse();
        assertThat(form.getRedirectedUrl()).isEqualTo("/login?error");
        MockHttpServletResponse api = mvc.perform(get("/api/v1/organizations")
                .with(httpBasic(username, "anything at all here"))).andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(401);
        assertThat(api.getContentAsString()).contains("API tokens only");
    }

    @Test
    void aUsernameTakenByALocalAccountIsNotTakenOver() throws Exception {
        String username = unique("gil");
        TestAccounts.create(accounts, username, Role.VIEWER);

        Attempt attempt = signIn("sub-" + username, username, List.of("pipedeck-admins"));

        assertThat(attempt.signedIn()).isFalse();
        assertThat(loginError(attempt.session())).contains("already exists");
        assertThat(account(username)).containsEntry("kind", "LOCAL").containsEntry("role", "VIEWER");
    }

    @Test
    void anIdTokenWithoutTheRequestsNonceIsRefused() throws Exception {
        String username = unique("hana");
        long before = lastAuditId();

        Attempt attempt = signIn("sub-" + username, Map.of("preferred_username", username,
                "groups", List.of("pipedeck-admins")), "a-nonce-from-another-request");

        assertThat(attempt.signedIn()).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from account where username = ?", Integer.class, username))
                .isZero();
        assertThat(auditAfter(before)).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("action", "auth.login.failure").containsEntry("channel", "oidc");
            assertThat((String) r.get("error_text")).contains("invalid_nonce");
        });
    }
}
