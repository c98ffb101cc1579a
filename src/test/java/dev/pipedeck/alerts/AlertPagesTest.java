package dev.pipedeck.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.pipedeck.health.PipeMetricStore;
import dev.pipedeck.secrets.KeyRotation;
import dev.pipedeck.secrets.StoreReencryption;
import dev.pipedeck.testsupport.TestAccounts;

/**
 * The alert pages as people use them: channels whose URL and header value never come back (not on a page, in a log,
 * an audit record or the raw table), rule forms that say what is wrong next to the field and keep what was typed,
 * audit records for every change, and email offered only when an SMTP server is configured.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class AlertPagesTest {

    static final String PLANTED_PATH = "/hooks/T0PLANTED/B0PLANTED/planted-webhook-secret-4f2a9c";
    static final String PLANTED_HEADER = "Bearer planted-header-secret-77e1";

    static final RequestPostProcessor ADMIN = user("alice").roles("ADMIN");
    static final RequestPostProcessor VIEWER = user("victor").roles("VIEWER");

    @Autowired
    MockMvc mvc;

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

    @Autowired
    KeyRotation keyRotation;

    WebhookReceiver receiver;

    /** The last audit record before the test: records accumulate in the shared test database. */
    long auditMark;

    @BeforeEach
    void start() {
        auditMark = jdbc.queryForObject("select coalesce(max(id), 0) from audit_record", Long.class);
        jdbc.update("delete from alert_notification");
        jdbc.update("delete from alert");
        jdbc.update("delete from alert_rule");
        jdbc.update("delete from alert_channel");
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aPlantedWebhookSecretNeverComesBack(CapturedOutput output) throws Exception {
        String url = receiver.url(PLANTED_PATH);
        receiver.answer(200, 200).thenAlways(500).answerBody("no route for " + PLANTED_PATH + " with "
                + PLANTED_HEADER);
        MockHttpServletResponse created = mvc.perform(post("/alerts/channels").with(csrf()).with(ADMIN)
                .param("name", "Planted").param("kind", "WEBHOOK").param("url", url)
                .param("headerName", "Authorization").param("headerValue", PLANTED_HEADER))
                .andReturn().getResponse();
        assertThat(created.getRedirectedUrl()).isEqualTo("/alerts/channels");
        long channel = jdbc.queryForObject("select id from alert_channel where name = 'Planted'", Long.class);

        // A refused edit (the URL is checked, the message never repeats it), then a rename keeping URL and header.
        String refused = page(post("/alerts/channels/" + channel).with(csrf()).with(ADMIN).param("name", "")
                .param("url", url + " trailing"));
        assertThat(refused).contains("Give the channel a name.").contains("A URL has no spaces.");
        mvc.perform(post("/alerts/channels/" + channel).with(csrf()).with(ADMIN).param("name", "Planted hook")
                .param("headerName", "Authorization").param("url", "").param("headerValue", ""));
        assertThat(mvc.perform(post("/alerts/channels/" + channel + "/test").with(csrf()).with(ADMIN))
                .andReturn().getFlashMap().get("success")).asString().contains("Test notification sent");

        AlertScenario scenario = new AlertScenario(channels, rules, store, jdbc);
        scenario.rule("planted", "pipe-planted", List.of("FAILED"), 0, 0, channel);
        scenario.failed("pipe-planted", java.time.Instant.now());
        evaluator.evaluate();
        dispatcher.dispatchDue();
        keyRotation.reencryptAll();

        // The receiver got the URL's path and the header: the secrets were used, and kept after the rename.
        assertThat(receiver.received()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo(PLANTED_PATH);
            assertThat(request.header("Authorization")).isEqualTo(PLANTED_HEADER);
        });
        assertThat(receiver.received().get(0).json().path("test").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from alert_notification where last_error like 'HTTP 200%' "
                + "or status = 'DELIVERED'", Integer.class)).isEqualTo(1);

        List<String> secrets = List.of("T0PLANTED", "planted-webhook-secret-4f2a9c", "planted-header-secret-77e1");
        for (String path : List.of("/alerts", "/alerts/channels", "/alerts/channels/" + channel + "/edit",
                "/alerts/rules", "/audit")) {
            String html = page(get(path).with(ADMIN));
            secrets.forEach(secret -> assertThat(html).as("%s", path).doesNotContain(secret));
        }
        String channelsPage = page(get("/alerts/channels").with(VIEWER));
        assertThat(channelsPage).contains("Planted hook").contains("http://127.0.0.1:").contains("with header Authorization");
        secrets.forEach(secret -> assertThat(channelsPage).doesNotContain(secret));

        for (String table : List.of("audit_record", "alert_channel", "alert_notification", "alert", "alert_rule")) {
            for (Map<String, Object> row : jdbc.queryForList("select * from " + table)) {
                String text = row.values().toString();
                secrets.forEach(secret -> assertThat(text).as("%s", table).doesNotContain(secret));
            }
        }
        assertThat(jdbc.queryForObject("select target_hint from alert_channel", String.class))
                .isEqualTo(receiver.url(""));
        secrets.forEach(secret -> assertThat(output.getAll()).doesNotContain(secret));
        assertThat(jdbc.queryForList("select action from audit_record where action like 'alert.channel.%' and id > ? "
                + "order by id", String.class, auditMark)).containsExactly("alert.channel.created", "alert.channel.updated",
                        "alert.channel.updated", "alert.channel.tested");
    }

    @Test
    void channelSecretsTakePartInMasterKeyReencryption() {
        receiver.answer(200);
        new AlertScenario(channels, rules, store, jdbc).webhook("rotated", receiver.url("/hooks/rotated"));
        List<StoreReencryption> results = keyRotation.reencryptAll();
        assertThat(results).extracting(StoreReencryption::store).contains("alert channel webhooks");
    }

    @Test
    void aRuleFormSaysWhatIsWrongNextToEachFieldAndKeepsWhatWasTyped() throws Exception {
        String html = page(post("/alerts/rules").with(csrf()).with(ADMIN).param("name", "")
                .param("scope", "PIPE").param("pipeId", "not an id!").param("_states", "on")
                .param("forMinutes", "five").param("repeatMinutes", "-3").param("_channelIds", "on")
                .param("channelIds", "999999").param("_enabled", "on").param("enabled", "true"));
        assertThat(html).contains("Give the rule a name.")
                .contains("An id has letters, digits, dashes, dots and underscores only")
                .contains("Tick at least one health state.")
                .contains("Enter whole minutes from 0 to 1440")
                .contains("Enter whole minutes from 1 to 10080")
                .contains("Choose channels from the list")
                .contains("value=\"not an id!\"").contains("value=\"five\"").contains("value=\"-3\"");
        assertThat(jdbc.queryForObject("select count(*) from alert_rule", Integer.class)).isZero();

        String organization = page(post("/alerts/rules").with(csrf()).with(ADMIN).param("name", "org rule")
                .param("scope", "ORGANIZATION").param("organizationId", "a1b2c3d4-0000-4000-8000-0000000000ff")
                .param("states", "STALLED").param("forMinutes", "5"));
        assertThat(organization).contains("This organization is not connected.").contains("value=\"org rule\"");

        assertThat(jdbc.queryForList("select outcome from audit_record where action = 'alert.rule.created' and id > ?",
                String.class, auditMark)).containsExactly("invalid", "invalid");
    }

    @Test
    void ruleAndChannelChangesAreAuditedWithBeforeAndAfter() throws Exception {
        mvc.perform(post("/alerts/channels").with(csrf()).with(ADMIN).param("name", "Ops")
                .param("kind", "SLACK").param("url", receiver.url("/services/T1/B1/audit-secret-slack")));
        long channel = jdbc.queryForObject("select id from alert_channel where name = 'Ops'", Long.class);
        MockHttpServletResponse created = mvc.perform(post("/alerts/rules").with(csrf()).with(ADMIN)
                .param("name", "Stalled anywhere").param("scope", "ALL").param("states", "STALLED")
                .param("_states", "on").param("forMinutes", "10").param("repeatMinutes", "")
                .param("channelIds", Long.toString(channel)).param("_channelIds", "on").param("enabled", "true")
                .param("_enabled", "on")).andReturn().getResponse();
        assertThat(created.getRedirectedUrl()).isEqualTo("/alerts/rules");
        long rule = jdbc.queryForObject("select id from alert_rule where name = 'Stalled anywhere'", Long.class);
        mvc.perform(post("/alerts/rules/" + rule).with(csrf()).with(ADMIN).param("name", "Stalled or failed")
                .param("scope", "ALL").param("states", "STALLED", "FAILED").param("_states", "on")
                .param("forMinutes", "15").param("repeatMinutes", "60").param("channelIds", Long.toString(channel))
                .param("_channelIds", "on").param("enabled", "true").param("_enabled", "on"));
        mvc.perform(post("/alerts/rules/" + rule + "/enabled").with(csrf()).with(ADMIN).param("enabled", "false"));
        mvc.perform(post("/alerts/rules/" + rule + "/enabled").with(csrf()).with(ADMIN).param("enabled", "true"));
        String rulesPage = page(get("/alerts/rules").with(VIEWER));
        assertThat(rulesPage).contains("Stalled or failed").contains("stalled, failed").contains("15 min")
                .contains("every 60 min").contains("Ops").doesNotContain("/alerts/rules/" + rule + "/edit");
        mvc.perform(post("/alerts/rules/" + rule + "/delete").with(csrf()).with(ADMIN));
        mvc.perform(post("/alerts/channels/" + channel + "/delete").with(csrf()).with(ADMIN));

        List<Map<String, Object>> records = jdbc.queryForList("select action, actor, outcome, change_before, "
                + "change_after, request_summary from audit_record where action like 'alert.%' and id > ? order by id",
                auditMark);
        assertThat(records).extracting(r -> r.get("action")).containsExactly("alert.channel.created",
                "alert.rule.created", "alert.rule.updated", "alert.rule.disabled", "alert.rule.enabled",
                "alert.rule.deleted", "alert.channel.deleted");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("actor")).isEqualTo("alice");
            assertThat(r.get("outcome")).isEqualTo("success");
            assertThat(r.values().toString()).doesNotContain("audit-secret-slack");
        });
        Map<String, Object> updated = records.get(2);
        assertThat((String) updated.get("change_before")).contains("\"name\":\"Stalled anywhere\"")
                .contains("\"forMinutes\":10").contains("\"channels\":[\"Ops\"]");
        assertThat((String) updated.get("change_after")).contains("\"name\":\"Stalled or failed\"")
                .contains("\"states\":[\"STALLED\",\"FAILED\"]").contains("\"repeatMinutes\":60");
        assertThat((String) records.get(3).get("change_after")).contains("\"enabled\":false");
        assertThat((String) records.get(6).get("request_summary")).contains("\"target\":\"http://127.0.0.1:");
    }

    @Test
    void viewersSeeAlertsAndTheNavigationCountsFiringOnes() throws Exception {
        AlertScenario scenario = new AlertScenario(channels, rules, store, jdbc);
        long channel = scenario.webhook("hook", receiver.url("/hooks/count"));
        scenario.rule("count", "pipe-count", List.of("FAILED"), 0, 0, channel);
        scenario.failed("pipe-count", java.time.Instant.now());
        evaluator.evaluate();
        dispatcher.dispatchDue();

        String html = page(get("/alerts").with(VIEWER));
        assertThat(html).contains("pipe pipe-count").contains("The pipe is Failed.").contains("count")
                .contains("delivered").contains("1 try")
                .contains("/organizations/" + AlertScenario.ORGANIZATION + "/services/" + AlertScenario.SERVICE
                        + "/pipes/pipe-count");
        assertThat(html).containsPattern("Alerts<span class=\"nav-count\"[^>]*>1</span>");
        assertThat(page(get("/alerts/channels").with(VIEWER))).doesNotContain("Send test notification")
                .doesNotContain("New channel");
    }

    @Test
    void emailIsOfferedOnlyWhenAnSmtpServerIsConfigured() throws Exception {
        assertThat(page(get("/alerts/channels/new").with(ADMIN))).doesNotContain("value=\"EMAIL\"")
                .contains("spring.mail.host");
        String refused = page(post("/alerts/channels").with(csrf()).with(ADMIN).param("name", "Mail")
                .param("kind", "EMAIL").param("emailTo", "oncall@example.com"));
        assertThat(refused).contains("Email is not configured");
        assertThat(TestAccounts.asAdmin(() -> channels.list())).isEmpty();
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as("%s", request).isEqualTo(200);
        return response.getContentAsString();
    }
}
