package dev.pipedeck.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

import dev.pipedeck.health.PipeMetricStore;
import dev.pipedeck.testsupport.TestAccounts;

/** Email channels through a real local SMTP server (GreenMail), offered because spring.mail.host is set. */
@SpringBootTest(properties = {"pipedeck.alerts.console-url=https://console.example.com",
        "pipedeck.alerts.email-from=alerts@pipedeck.example.com"})
class AlertEmailTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AlertEvaluator evaluator;

    @Autowired
    NotificationDispatcher dispatcher;

    @Autowired
    ChannelAdministration channels;

    @Autowired
    RuleAdministration rules;

    @Autowired
    PipeMetricStore store;

    AlertScenario scenario;

    @BeforeEach
    void start() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        scenario = new AlertScenario(channels, rules, store, jdbc);
    }

    @Test
    void anEmailChannelMailsFiringAndResolvedOnceEach() throws Exception {
        assertThat(TestAccounts.asAdmin(() -> channels.emailAvailable())).isTrue();
        long channel = scenario.email("on-call mail", "oncall@example.com, data@example.com");
        scenario.rule("mail rule", "pipe-mail", List.of("FAILED"), 0, 0, channel);
        scenario.failed("pipe-mail", Instant.now());
        evaluator.evaluate();
        assertThat(dispatcher.dispatchDue().delivered()).isEqualTo(1);

        MimeMessage[] firing = SMTP.getReceivedMessages();
        assertThat(firing).as("one message per recipient").hasSize(2);
        MimeMessage message = firing[0];
        assertThat(message.getSubject()).isEqualTo("[Pipedeck] FIRING: pipe pipe-mail is failed");
        assertThat(message.getFrom()[0].toString()).isEqualTo("alerts@pipedeck.example.com");
        assertThat(message.getHeader("X-Pipedeck-Notification-Id")[0]).isEqualTo(jdbc.queryForObject(
                "select notification_id from alert_notification where event = 'FIRING'", String.class));
        assertThat((String) message.getContent()).contains("The pipe is Failed.").contains("Rule: mail rule")
                .contains("https://console.example.com/organizations/" + AlertScenario.ORGANIZATION);

        scenario.healthy("pipe-mail", Instant.now().plusSeconds(60));
        evaluator.evaluate();
        dispatcher.dispatchDue();
        dispatcher.dispatchDue();
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage received : SMTP.getReceivedMessages()) {
            subjects.add(received.getSubject());
        }
        assertThat(subjects).containsExactlyInAnyOrder("[Pipedeck] FIRING: pipe pipe-mail is failed",
                "[Pipedeck] FIRING: pipe pipe-mail is failed", "[Pipedeck] RESOLVED: pipe pipe-mail is no longer failed",
                "[Pipedeck] RESOLVED: pipe pipe-mail is no longer failed");
    }

    @Test
    void aTestNotificationCanBeMailed() throws Exception {
        long channel = scenario.email("test mail", "someone@example.com");
        DeliveryResult result = TestAccounts.asAdmin(() -> channels.sendTest(channel));
        assertThat(result.delivered()).as(result.detail()).isTrue();
        assertThat(SMTP.getReceivedMessages()).singleElement()
                .satisfies(message -> assertThat(message.getSubject()).startsWith("[Pipedeck] TEST FIRING:"));
    }
}
