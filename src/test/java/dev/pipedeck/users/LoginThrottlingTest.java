package dev.pipedeck.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.pipedeck.testsupport.CookieSession;
import dev.pipedeck.testsupport.MutableClock;
import dev.pipedeck.testsupport.TestAccounts;

/**
 * After 5 failures for one username from one address, or 20 from one address, attempts for that key are refused
 * for 5 minutes with a clear message, even with the right password. No lock on a username alone.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LoginThrottlingTest {

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService accounts;

    @Autowired
    MutableClock clock;

    String username;

    @BeforeEach
    void createAccount() {
        username = "throttled-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.VIEWER);
    }

    @Test
    void fiveFailuresForOneUserFromOneAddressBlockThatPairForFiveMinutes() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(username, "wrong password " + i, "10.1.1.1").signedIn()).isFalse();
        }

        Attempt refused = signIn(username, TestAccounts.PASSWORD, "10.1.1.1");
        assertThat(refused.signedIn()).as("right password refused while throttled").isFalse();
        assertThat(refused.message()).contains("Too many failed sign-in attempts. Try again in 5 minutes.");

        assertThat(signIn(username, TestAccounts.PASSWORD, "10.2.2.2").signedIn())
                .as("the same user from another address is not locked out").isTrue();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(signIn(username, TestAccounts.PASSWORD, "10.1.1.1").signedIn()).as("after the block").isTrue();
    }

    @Test
    void fourFailuresDoNotBlockAndASuccessResetsTheCount() throws Exception {
        for (int i = 0; i < 4; i++) {
            signIn(username, "wrong", "10.3.3.3");
        }
        assertThat(signIn(username, TestAccounts.PASSWORD, "10.3.3.3").signedIn()).isTrue();
        for (int i = 0; i < 4; i++) {
            signIn(username, "wrong", "10.3.3.3");
        }
        assertThat(signIn(username, TestAccounts.PASSWORD, "10.3.3.3").signedIn())
                .as("the count started again after the success").isTrue();
    }

    @Test
    void twentyFailuresFromOneAddressWhateverTheUsernamesBlockThatAddress() throws Exception {
        for (int i = 0; i < 20; i++) {
            signIn("someone-" + i, "wrong", "10.4.4.4");
        }
        Attempt refused = signIn(username, TestAccounts.PASSWORD, "10.4.4.4");
        assertThat(refused.signedIn()).isFalse();
        assertThat(refused.message()).contains("Too many failed sign-in attempts");
        assertThat(signIn(username, TestAccounts.PASSWORD, "10.5.5.5").signedIn()).isTrue();
    }

    @Test
    void wrongPasswordSaysSoWithoutTellingWhetherTheAccountExists() throws Exception {
        Attempt wrongPassword = signIn(username, "wrong", "10.6.6.6");
        Attempt noSuchUser = signIn("nobody-" + System.nanoTime(), "wrong", "10.6.6.6");
        assertThat(wrongPassword.message()).isEqualTo("Wrong username or password, or the account is disabled.");
        assertThat(noSuchUser.message()).isEqualTo(wrongPassword.message());
    }

    private static final Pattern ERROR_FLASH = Pattern.compile("class=\"flash flash-error\"[^>]*>([^<]*)<");

    record Attempt(boolean signedIn, String message) {
    }

    private Attempt signIn(String user, String password, String address) throws Exception {
        CookieSession session = new CookieSession(mvc);
        MvcResult result = session.perform(post("/login").with(csrf())
                .param("username", user).param("password", password)
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                })).andReturn();
        String redirect = result.getResponse().getRedirectedUrl();
        if (redirect != null && redirect.contains("/login?error")) {
            String page = session.perform(get("/login").param("error", "")).andReturn().getResponse()
                    .getContentAsString();
            Matcher flash = ERROR_FLASH.matcher(page);
            return new Attempt(false, flash.find() ? flash.group(1).strip() : "");
        }
        return new Attempt(result.getResponse().getStatus() == 302, "");
    }
}
