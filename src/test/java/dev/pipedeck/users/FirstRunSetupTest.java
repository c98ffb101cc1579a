package dev.pipedeck.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * First run without PIPEDECK_ADMIN_*: a one-time setup URL is logged, and /setup creates the first admin only with
 * that token and only while no account exists.
 */
// Its own application context (and so its own empty database): first run means no account exists yet.
@SpringBootTest(properties = "pipedeck.test.context=first-run")
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class FirstRunSetupTest {

    private static final Pattern SETUP_URL = Pattern.compile("/setup\\?token=([A-Za-z0-9_-]+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountRepository accounts;

    @Test
    void theLoggedTokenCreatesTheFirstAdminOnce(CapturedOutput output) throws Exception {
        Matcher url = SETUP_URL.matcher(output.getAll());
        assertThat(url.find()).as("setup URL logged at start").isTrue();
        String token = url.group(1);

        assertThat(mvc.perform(get("/setup")).andReturn().getResponse().getContentAsString())
                .as("no token").contains("Setup is not available");
        assertThat(mvc.perform(get("/setup").param("token", token + "x")).andReturn().getResponse()
                .getContentAsString()).as("wrong token").contains("Setup is not available");
        assertThat(mvc.perform(get("/login")).andReturn().getResponse().getContentAsString())
                .contains("open the setup link printed in the server log");

        String mismatch = mvc.perform(post("/setup").with(csrf()).param("token", token).param("username", "first")
                .param("password", "first admin passphrase").param("confirmPassword", "something else"))
                .andReturn().getResponse().getContentAsString();
        assertThat(mismatch).contains("The two passwords differ.").contains("value=\"first\"");
        assertThat(accounts.count()).isZero();

        var created = mvc.perform(post("/setup").with(csrf()).param("token", token).param("username", "First")
                .param("password", "first admin passphrase").param("confirmPassword", "first admin passphrase"))
                .andReturn().getResponse();
        assertThat(created.getRedirectedUrl()).isEqualTo("/login");
        Account admin = accounts.findByUsername("first").orElseThrow();
        assertThat(admin.getRole()).isEqualTo(Role.ADMIN);

        var again = mvc.perform(post("/setup").with(csrf()).param("token", token).param("username", "second")
                .param("password", "second admin passphrase").param("confirmPassword", "second admin passphrase"))
                .andReturn().getResponse();
        assertThat(again.getContentAsString()).contains("Setup is not available");
        assertThat(accounts.count()).isEqualTo(1);
        assertThat(output.getAll()).doesNotContain("first admin passphrase");
    }
}
