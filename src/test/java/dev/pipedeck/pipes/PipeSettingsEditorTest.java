package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.OpenApiSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * An operator tunes a pipe's advanced settings from its settings page: only the settings of the pipe's kind, with the
 * spec's help and range; only what they changed is sent; bad values are refused at the field; a change someone else
 * made meanwhile is shown instead of overwritten; every change is audited before → after. Viewers only read.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PipeSettingsEditorTest {

    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-00000000a001";
    static final String PIPE = "9e8d7c6b-1111-4222-8333-00000000a002";
    static final String LOADED_AT = "2025-03-01T10:00:00Z";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    FakeCloud cloud;
    String organizationId;
    String page;
    String pipePath;

    @BeforeEach
    void connect() throws Exception {
        cloud = new FakeCloud();
        organizationId = UUID.randomUUID().toString();
        cloud.connectOrganization(mvc, organizationId, "Settings org");
        String service = "/organizations/" + organizationId + "/services/" + SERVICE;
        pipePath = service + "/clickpipes/" + PIPE;
        page = "/organizations/" + organizationId + "/services/" + SERVICE + "/pipes/" + PIPE + "/settings";
        cloud.ok("GET", service, "{\"id\":\"" + SERVICE + "\",\"name\":\"analytics-prod\"}");
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void thePageShowsOnlyTheSettingsOfThePipesKindWithTheSpecsHelpAndRange() throws Exception {
        pipe("kafka", LOADED_AT, "{\"streaming_max_insert_wait_ms\":5000}");
        String kafka = html(get(page).with(user("op").roles("OPERATOR")));
        assertThat(kafka).contains("orders", "analytics-prod", "Kafka", "Streaming max insert wait time",
                "Configures the max wait period before inserting data into the ClickHouse.",
                "500 to 60,000 ms (0.5 s to 1 min)", "value=\"5000\"", "Max insert threads", "0 to 16",
                "Parallel view processing", "Apply changes", "value=\"" + LOADED_AT + "\"")
                .doesNotContain("Object storage concurrency", "Max file count", "Use cluster function",
                        "Object storage polling interval");

        String files = UUID.randomUUID().toString();
        pipe(files, "objectStorage", LOADED_AT, "{\"object_storage_concurrency\":4}");
        String other = "/organizations/" + organizationId + "/services/" + SERVICE + "/pipes/" + files + "/settings";
        String objectStorage = html(get(other).with(user("op").roles("OPERATOR")));
        assertThat(objectStorage).contains("Object storage concurrency", "Number of concurrent file processing threads",
                "1 to 35", "Use cluster function", "Max insert bytes", "10 MiB to 50 GiB", "value=\"4\"")
                .doesNotContain("Streaming max insert wait time");
    }

    @Test
    void onlyTheChangedSettingsArePutAndTheChangeIsAuditedBeforeToAfter() throws Exception {
        pipe("kafka", LOADED_AT, "{\"streaming_max_insert_wait_ms\":5000,\"clickhouse_max_insert_threads\":2}");
        AtomicReference<String> put = new AtomicReference<>();
        cloud.on("PUT", pipePath + "/settings", call -> {
            put.set(call.body());
            return FakeCloud.envelope("{\"streaming_max_insert_wait_ms\":10000,\"clickhouse_max_download_threads\":4}");
        });
        Map<String, String> form = formOf(html(get(page).with(user("op").roles("OPERATOR"))));
        assertThat(form).containsEntry("streaming_max_insert_wait_ms", "5000")
                .containsEntry("seen.streaming_max_insert_wait_ms", "5000").containsEntry("seenUpdatedAt", LOADED_AT);
        form.put("streaming_max_insert_wait_ms", "10000");
        form.put("clickhouse_max_download_threads", "4");
        form.put("clickhouse_max_insert_threads", "");

        MvcResult applied = submit(form, "OPERATOR");
        assertThat(applied.getResponse().getRedirectedUrl()).isEqualTo(page);
        assertThat(JSON.readTree(put.get())).as("only the three changed settings; emptied means back to the default")
                .isEqualTo(JSON.readTree("{\"streaming_max_insert_wait_ms\":10000,"
                        + "\"clickhouse_max_insert_threads\":null,\"clickhouse_max_download_threads\":4}"));
        var spec = OpenApiSpec.loadOrSkip();
        assertThat(spec.violations(spec.operation("PUT", "/v1" + pipePath + "/settings").requestSchema(),
                JSON.readTree(put.get()))).isEmpty();
        String flash = String.valueOf(applied.getFlashMap().get("success"));
        assertThat(flash).contains("Streaming max insert wait time 5,000 ms (5 s) → 10,000 ms (10 s)",
                "Max insert threads 2 → default", "Max download threads default → 4");

        Map<String, Object> record = jdbc.queryForMap("select outcome, change_before, change_after, actor, "
                + "pipe_name, service_name from audit_record where action = 'pipe.settings.update' and "
                + "organization_id = ? and outcome <> 'attempt'", organizationId);
        assertThat(record.get("outcome")).isEqualTo("success");
        assertThat(record.get("actor")).isEqualTo("operator");
        assertThat(record.get("pipe_name")).isEqualTo("orders");
        assertThat(JSON.readTree((String) record.get("change_before"))).isEqualTo(JSON.readTree(
                "{\"streaming_max_insert_wait_ms\":5000,\"clickhouse_max_insert_threads\":2,"
                        + "\"clickhouse_max_download_threads\":null}"));
        assertThat(JSON.readTree((String) record.get("change_after"))).isEqualTo(JSON.readTree(
                "{\"streaming_max_insert_wait_ms\":10000,\"clickhouse_max_insert_threads\":null,"
                        + "\"clickhouse_max_download_threads\":4}"));

        form = formOf(html(get(page).with(user("op").roles("OPERATOR"))));
        MockHttpServletResponse unchanged = send(form, "OPERATOR");
        assertThat(unchanged.getContentAsString()).contains("Nothing changed, so nothing was sent.");
        assertThat(cloud.count("PUT", pipePath + "/settings")).isEqualTo(1);
    }

    @Test
    void anOutOfRangeValueIsRefusedAtItsFieldKeepsWhatWasTypedAndSendsNothing() throws Exception {
        pipe("kafka", LOADED_AT, "{\"streaming_max_insert_wait_ms\":5000}");
        Map<String, String> form = formOf(html(get(page).with(user("op").roles("OPERATOR"))));
        form.put("streaming_max_insert_wait_ms", "70000");
        form.put("clickhouse_max_insert_threads", "3");

        MockHttpServletResponse refused = send(form, "OPERATOR");
        assertThat(refused.getStatus()).isEqualTo(200);
        String html = HtmlUtils.htmlUnescape(refused.getContentAsString());
        assertThat(html).contains("value=\"70000\"", "value=\"3\"", "Must be from 500 to 60,000 ms",
                "70,000 is out of range", "aria-invalid=\"true\"");
        assertThat(cloud.count("PUT", pipePath + "/settings")).isZero();
        assertThat(jdbc.queryForList("select outcome, error_text from audit_record where action = "
                + "'pipe.settings.update' and organization_id = ?", organizationId).toString())
                .contains("invalid", "Streaming max insert wait time");
    }

    @Test
    void aChangeMadeUpstreamMeanwhileIsShownNothingIsPutAndTheUserCanReapply() throws Exception {
        pipe("kafka", LOADED_AT, "{\"streaming_max_insert_wait_ms\":5000,\"clickhouse_max_insert_threads\":1}");
        AtomicReference<String> put = new AtomicReference<>();
        cloud.on("PUT", pipePath + "/settings", call -> {
            put.set(call.body());
            return FakeCloud.envelope("{\"streaming_max_insert_wait_ms\":10000,\"clickhouse_max_insert_threads\":2}");
        });
        Map<String, String> form = formOf(html(get(page).with(user("op").roles("OPERATOR"))));
        form.put("streaming_max_insert_wait_ms", "10000");

        String changedAt = "2025-03-01T10:05:00Z";
        pipe("kafka", changedAt, "{\"streaming_max_insert_wait_ms\":5000,\"clickhouse_max_insert_threads\":2}");
        MockHttpServletResponse conflict = send(form, "OPERATOR");
        assertThat(cloud.count("PUT", pipePath + "/settings")).as("nothing overwritten").isZero();
        String html = HtmlUtils.htmlUnescape(conflict.getContentAsString());
        assertThat(html).contains("Someone changed this pipe after you opened this page", "Nothing was sent",
                "2025-03-01 10:00:00 UTC", "2025-03-01 10:05:00 UTC", "Settings changed meanwhile",
                "Re-apply my changes");
        assertThat(section(html, "Settings changed meanwhile", "Your changes"))
                .contains("Max insert threads", ">1<", ">2<").doesNotContain("Streaming");
        assertThat(section(html, "Your changes", "</table>"))
                .contains("Streaming max insert wait time", "5,000 ms (5 s)", "10,000 ms (10 s)");

        Map<String, String> again = formOf(html);
        assertThat(again).containsEntry("seenUpdatedAt", changedAt)
                .containsEntry("streaming_max_insert_wait_ms", "10000")
                .containsEntry("clickhouse_max_insert_threads", "2").containsEntry("seen.clickhouse_max_insert_threads", "2");
        MockHttpServletResponse reapplied = send(again, "OPERATOR");
        assertThat(reapplied.getRedirectedUrl()).isEqualTo(page);
        assertThat(JSON.readTree(put.get())).as("only the user's change; the other person's change stands")
                .isEqualTo(JSON.readTree("{\"streaming_max_insert_wait_ms\":10000}"));
    }

    @Test
    void anUpstreamRefusalShowsItsMessageAndRequestIdAndKeepsTheTypedValues() throws Exception {
        pipe("kafka", LOADED_AT, "{}");
        String error = "BAD_REQUEST: settings cannot change while the pipe is provisioning";
        cloud.fail("PUT", pipePath + "/settings", 400, error);
        Map<String, String> form = formOf(html(get(page).with(user("op").roles("OPERATOR"))));
        form.put("clickhouse_max_insert_threads", "7");

        String html = HtmlUtils.htmlUnescape(send(form, "OPERATOR").getContentAsString());
        assertThat(html).contains("ClickHouse Cloud did not apply the settings", "settings cannot change while the "
                + "pipe is provisioning", FakeCloud.requestIdFor(error), "HTTP 400", "value=\"7\"")
                .doesNotContain("Exception", "at dev.pipedeck");
        assertThat(jdbc.queryForList("select outcome, http_status, upstream_request_id from audit_record where "
                + "action = 'pipe.settings.update' and organization_id = ? and outcome <> 'attempt'", organizationId)
                .toString()).contains("invalid", "400", FakeCloud.requestIdFor(error));
    }

    @Test
    void viewersSeeTheValuesReadOnlyAndTheirForgedPostIsRefusedWithoutAnUpstreamCall() throws Exception {
        pipe("kafka", LOADED_AT, "{\"streaming_max_insert_wait_ms\":5000,\"clickhouse_parallel_view_processing\":true}");
        cloud.ok("PUT", pipePath + "/settings", "{}");
        String html = html(get(page).with(user("viewer").roles("VIEWER")));
        assertThat(html).contains("value=\"5000\"", "readonly", "disabled", "changing them needs the Operator role");
        assertThat(section(html, "<form id=\"settings-form\"", "</form>")).doesNotContain("Apply changes", "type=\"submit\"");
        assertThat(html).containsPattern("<option value=\"true\" selected=\"selected\">On</option>");

        Map<String, String> form = formOf(html);
        form.put("streaming_max_insert_wait_ms", "9000");
        assertThat(send(form, "VIEWER").getStatus()).isEqualTo(403);
        assertThat(cloud.count("PUT", pipePath + "/settings")).isZero();
    }

    /** The pipe as ClickHouse Cloud holds it from now on: its kind, updatedAt and settings. */
    private void pipe(String kind, String updatedAt, String settings) {
        pipe(PIPE, kind, updatedAt, settings);
    }

    private void pipe(String pipeId, String kind, String updatedAt, String settings) {
        String path = "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes/" + pipeId;
        cloud.ok("GET", path, "{\"id\":\"" + pipeId + "\",\"name\":\"orders\",\"state\":\"Running\",\"source\":{\""
                + kind + "\":{\"type\":\"s3\"}},\"settings\":" + settings + ",\"updatedAt\":\"" + updatedAt + "\"}");
        cloud.ok("GET", path + "/settings", settings);
    }

    private String html(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return HtmlUtils.htmlUnescape(response.getContentAsString());
    }

    private MockHttpServletResponse send(Map<String, String> form, String role) throws Exception {
        return submit(form, role).getResponse();
    }

    private MvcResult submit(Map<String, String> form, String role) throws Exception {
        MockHttpServletRequestBuilder request = post(page).with(csrf()).with(user(role.toLowerCase()).roles(role));
        form.forEach(request::param);
        return mvc.perform(request).andReturn();
    }

    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>");
    private static final Pattern SELECT = Pattern.compile("<select\\b[^>]*\\bname=\"([^\"]+)\"[^>]*>(.*?)</select>",
            Pattern.DOTALL);
    private static final Pattern SELECTED = Pattern.compile("<option value=\"([^\"]*)\" selected=\"selected\"");

    /** What a browser would send from the settings form: its inputs' names and values, and each select's choice. */
    private static Map<String, String> formOf(String html) {
        String form = section(html, "<form id=\"settings-form\"", "</form>");
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form);
        while (input.find()) {
            String name = attribute(input.group(), "name");
            if (name != null && !name.equals("_csrf")) {
                String value = attribute(input.group(), "value");
                fields.put(name, value == null ? "" : value);
            }
        }
        Matcher select = SELECT.matcher(form);
        while (select.find()) {
            Matcher chosen = SELECTED.matcher(select.group(2));
            fields.put(select.group(1), chosen.find() ? chosen.group(1) : "");
        }
        return fields;
    }

    private static String attribute(String tag, String name) {
        Matcher value = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return value.find() ? value.group(1) : null;
    }

    private static String section(String html, String from, String to) {
        int start = html.indexOf(from);
        assertThat(start).as("page has " + from).isNotNegative();
        int end = html.indexOf(to, start + from.length());
        return html.substring(start, end < 0 ? html.length() : end);
    }
}
