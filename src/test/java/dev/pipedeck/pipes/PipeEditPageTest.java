package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.pipedeck.testsupport.FakeCloud;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipe edit page against a local stand-in for ClickHouse Cloud: a rename sends only the name and is audited
 * before → after; replaced credentials reach ClickHouse Cloud and nothing else (not the audit log, not the page, not
 * the log); bad input stays in the form with its message and sends nothing; a change made meanwhile by someone else
 * is shown instead of overwritten; BigQuery pipes and viewers get no form.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "pipedeck.sandbox.transition-delay=200ms", "pipedeck.pipes.mapping-change.poll-interval=100ms" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class PipeEditPageTest {

    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-00000000e001";
    static final String PIPE = "9e8d7c6b-1111-4222-8333-00000000e002";
    static final String SEEN_AT = "2026-11-20T10:00:00Z";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final RequestPostProcessor OPERATOR = user("edit-operator").roles("OPERATOR");
    static final Pattern SEEN_UPDATED_AT = Pattern.compile("name=\"seenUpdatedAt\" value=\"([^\"]*)\"");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    FakeCloud cloud;
    String organizationId;
    String pipePath;
    String editPath;
    AtomicReference<String> pipe = new AtomicReference<>();

    @BeforeEach
    void connect() throws Exception {
        cloud = new FakeCloud();
        organizationId = UUID.randomUUID().toString();
        cloud.connectOrganization(mvc, organizationId, "Edit org");
        cloud.ok("GET", "/organizations/" + organizationId + "/services/" + SERVICE,
                "{\"id\":\"" + SERVICE + "\",\"name\":\"analytics\"}");
        pipePath = "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes/" + PIPE;
        editPath = "/organizations/" + organizationId + "/services/" + SERVICE + "/pipes/" + PIPE + "/edit";
        pipe.set(postgresPipe("shop (Postgres CDC)", SEEN_AT));
        cloud.on("GET", pipePath, call -> FakeCloud.envelope(pipe.get()));
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void aRenameSendsOnlyTheNameAndIsAuditedBeforeAndAfter() throws Exception {
        cloud.on("PATCH", pipePath, call -> FakeCloud.envelope(postgresPipe("shop replica", "2026-11-20T10:05:00Z")));
        String page = page(OPERATOR);
        assertThat(page).contains("Edit <span>shop (Postgres CDC)</span>", "value=\"shop (Postgres CDC)\"",
                "Postgres · username and password", "public_orders");

        MockHttpServletResponse renamed = mvc.perform(form("/name", OPERATOR).param("name", "  shop replica ")
                .param("seenUpdatedAt", seenUpdatedAt(page))).andReturn().getResponse();

        assertThat(renamed.getRedirectedUrl()).isEqualTo(editPath);
        assertThat(writes()).singleElement().satisfies(patch -> {
            assertThat(patch.path()).isEqualTo("/v1" + pipePath);
            assertThat(JSON.readTree(patch.body())).isEqualTo(JSON.readTree("{\"name\":\"shop replica\"}"));
        });
        Map<String, Object> result = auditResult("pipe.update");
        assertThat(result.get("outcome")).isEqualTo("success");
        assertThat(result.get("actor")).isEqualTo("edit-operator");
        assertThat(JSON.readTree((String) result.get("change_before")).path("name").asString())
                .isEqualTo("shop (Postgres CDC)");
        assertThat(JSON.readTree((String) result.get("change_after")).path("name").asString()).isEqualTo("shop replica");
        assertThat(auditRows("pipe.update").toString()).contains("\"name\":\"shop replica\"");
    }

    @Test
    void replacedCredentialsReachClickHouseCloudButNeverTheAuditLogThePageOrTheLog(CapturedOutput output)
            throws Exception {
        String secret = "Tr0ub4dor&3-never-shown";
        cloud.on("PATCH", pipePath, call -> FakeCloud.envelope(pipe.get()));
        String page = page(OPERATOR);

        MockHttpServletResponse replaced = mvc.perform(form("/credentials", OPERATOR).param("username", "replicator")
                .param("password", secret).param("seenUpdatedAt", seenUpdatedAt(page))).andReturn().getResponse();

        assertThat(replaced.getRedirectedUrl()).isEqualTo(editPath);
        assertThat(writes()).singleElement().satisfies(patch -> assertThat(JSON.readTree(patch.body())).isEqualTo(
                JSON.readTree("{\"source\":{\"postgres\":{\"credentials\":{\"username\":\"replicator\",\"password\":\""
                        + secret + "\"}}}}")));
        assertThat(auditRows("pipe.update")).hasSize(2).allSatisfy(row -> assertThat(row.toString())
                .doesNotContain(secret).doesNotContain("Tr0ub4dor"));
        assertThat(auditRows("pipe.update").toString()).contains("replicator", "[redacted]", "success");
        String after = mvc.perform(get(editPath).with(OPERATOR).flashAttr("success", "Credentials replaced."))
                .andReturn().getResponse().getContentAsString();
        assertThat(after).doesNotContain(secret).doesNotContain("replicator");

        String error = "BAD_REQUEST: source.postgres.credentials: authentication failed for user replicator";
        cloud.fail("PATCH", pipePath, 400, error);
        String refused = mvc.perform(form("/credentials", OPERATOR).param("username", "replicator")
                .param("password", secret).param("seenUpdatedAt", SEEN_AT)).andReturn().getResponse()
                .getContentAsString();
        assertThat(refused).contains("ClickHouse Cloud did not make the change.", "authentication failed for user",
                FakeCloud.requestIdFor(error), "type them again").doesNotContain(secret);
        assertThat(jdbc.queryForList("select * from audit_record").toString()).doesNotContain(secret);
        assertThat(output.getAll()).doesNotContain(secret);
    }

    @Test
    void blankSecretsAreNotSentAndAHalfTypedPairIsRefusedAtItsFieldKeepingTheUsername() throws Exception {
        page(OPERATOR);

        String blank = mvc.perform(form("/credentials", OPERATOR).param("username", "").param("password", "")
                .param("seenUpdatedAt", SEEN_AT)).andReturn().getResponse().getContentAsString();
        assertThat(blank).contains("Nothing to change: blank fields leave the current credentials as they are.");

        String half = mvc.perform(form("/credentials", OPERATOR).param("username", "replicator").param("password", " ")
                .param("seenUpdatedAt", SEEN_AT)).andReturn().getResponse().getContentAsString();
        assertThat(fieldError(half, "password")).contains("Give the password too");
        assertThat(half).contains("value=\"replicator\"");

        assertThat(writes()).as("nothing sent to ClickHouse Cloud").isEmpty();
        assertThat(auditRows("pipe.update")).extracting(row -> row.get("outcome")).containsOnly("invalid");
    }

    @Test
    void aBadNameIsRefusedAtItsFieldWithWhatWasTypedAndNothingSent() throws Exception {
        page(OPERATOR);
        String tooLong = "x".repeat(300);

        String refused = mvc.perform(form("/name", OPERATOR).param("name", tooLong).param("seenUpdatedAt", SEEN_AT))
                .andReturn().getResponse().getContentAsString();
        assertThat(fieldError(refused, "name")).contains("At most 255 characters (this is 300).");
        assertThat(refused).contains("value=\"" + tooLong + "\"");

        String blank = mvc.perform(form("/name", OPERATOR).param("name", "   ").param("seenUpdatedAt", SEEN_AT))
                .andReturn().getResponse().getContentAsString();
        assertThat(fieldError(blank, "name")).contains("Give the pipe a name.");

        assertThat(writes()).isEmpty();
        assertThat(auditRows("pipe.update")).extracting(row -> row.get("outcome")).containsOnly("invalid");
    }

    @Test
    void aChangeMadeMeanwhileIsShownInsteadOfOverwrittenAndCanBeReapplied() throws Exception {
        String page = page(OPERATOR);
        String seen = seenUpdatedAt(page);
        pipe.set(postgresPipe("renamed by a colleague", "2026-11-20T10:30:00Z"));
        cloud.on("PATCH", pipePath, call -> FakeCloud.envelope(postgresPipe("shop replica", "2026-11-20T10:31:00Z")));

        String conflict = mvc.perform(form("/name", OPERATOR).param("name", "shop replica").param("seenUpdatedAt", seen)
                .param("seenName", "shop (Postgres CDC)").param("seenState", "Running")
                .param("seenTables", "public.orders → public_orders")).andReturn().getResponse().getContentAsString();

        assertThat(conflict).contains("Someone changed this pipe after you opened the page", "Nothing was sent.",
                "renamed by a colleague", "shop (Postgres CDC)", "2026-11-20T10:30:00Z", ">Re-apply<",
                "value=\"shop replica\"");
        assertThat(writes()).isEmpty();

        mvc.perform(form("/name", OPERATOR).param("name", "shop replica").param("seenUpdatedAt", seenUpdatedAt(conflict)));
        assertThat(writes()).singleElement().satisfies(patch -> assertThat(patch.body()).contains("shop replica"));
        assertThat(auditResult("pipe.update").get("change_before").toString()).contains("renamed by a colleague");
    }

    @Test
    void anUpstreamRefusalShowsItsMessageAndRequestIdAndIsAudited() throws Exception {
        String error = "BAD_REQUEST: name: contains characters ClickHouse Cloud does not accept";
        cloud.fail("PATCH", pipePath, 400, error);
        page(OPERATOR);

        String refused = mvc.perform(form("/name", OPERATOR).param("name", "shop ✓").param("seenUpdatedAt", SEEN_AT))
                .andReturn().getResponse().getContentAsString();

        assertThat(refused).contains("ClickHouse Cloud did not make the change.",
                "name: contains characters ClickHouse Cloud does not accept", "HTTP 400",
                FakeCloud.requestIdFor(error), "value=\"shop ✓\"");
        Map<String, Object> result = auditResult("pipe.update");
        assertThat(result.get("outcome")).isEqualTo("invalid");
        assertThat(result.get("upstream_request_id")).isEqualTo(FakeCloud.requestIdFor(error));
    }

    @Test
    void tableMappingInputIsCheckedAtItsFieldsKeptAndAddRowAddsARowWithoutSendingAnything() throws Exception {
        page(OPERATOR);

        String refused = mvc.perform(form("/mappings", OPERATOR).param("seenUpdatedAt", SEEN_AT)
                .param("add[0].sourceNamespace", "public").param("add[0].sourceTable", "payments")
                .param("add[0].targetTable", "public_orders")
                .param("add[1].sourceNamespace", "public").param("add[1].sourceTable", "")
                .param("add[1].targetTable", "public_refunds").param("add[1].excludedColumns", "note, note"))
                .andReturn().getResponse().getContentAsString();

        assertThat(fieldError(refused, "add-0-target")).contains("public_orders is already the target of the existing "
                + "mapping of public.orders");
        assertThat(fieldError(refused, "add-1-table")).contains("Give the source table.");
        assertThat(fieldError(refused, "add-1-excluded")).contains("note is listed twice");
        assertThat(refused).contains("value=\"payments\"", "value=\"public_refunds\"", "value=\"note, note\"");

        String everything = mvc.perform(form("/mappings", OPERATOR).param("seenUpdatedAt", SEEN_AT)
                .param("remove", "public_orders")).andReturn().getResponse().getContentAsString();
        assertThat(everything).contains("A pipe needs at least one table");

        String moreRows = mvc.perform(form("/mappings", OPERATOR).param("addRow", "1")
                .param("add[0].sourceNamespace", "public").param("add[1].sourceNamespace", "")
                .param("add[0].sourceTable", "payments")).andReturn().getResponse().getContentAsString();
        assertThat(moreRows).contains("New table 3", "id=\"add-2-namespace\"", "value=\"payments\"")
                .doesNotContain("field-error");

        assertThat(writes()).isEmpty();
    }

    @Test
    void bigQueryPipesSaySoAndOfferNoFormAndAForgedChangeIsRefused() throws Exception {
        pipe.set("""
                {"id":"%s","serviceId":"%s","name":"warehouse snapshot","state":"Completed",
                 "source":{"bigquery":{"snapshotStagingPath":"gs://staging/","tableMappings":[
                   {"sourceDatasetName":"warehouse","sourceTable":"revenue","targetTable":"warehouse_revenue"}]}},
                 "destination":{"database":"warehouse"},"updatedAt":"%s"}""".formatted(PIPE, SERVICE, SEEN_AT));
        cloud.on("PATCH", pipePath, call -> FakeCloud.envelope(pipe.get()));

        String page = page(OPERATOR);
        assertThat(page).contains("BigQuery pipes cannot be edited through the ClickHouse Cloud API.")
                .doesNotContain(editPath + "/name").doesNotContain(editPath + "/credentials")
                .doesNotContain(editPath + "/mappings");

        String forged = mvc.perform(form("/name", OPERATOR).param("name", "renamed").param("seenUpdatedAt", SEEN_AT))
                .andReturn().getResponse().getContentAsString();
        assertThat(forged).contains("BigQuery pipes cannot be edited through the ClickHouse Cloud API.");
        assertThat(writes()).isEmpty();
        assertThat(auditResult("pipe.update").get("outcome")).isEqualTo("invalid");
    }

    @Test
    void viewersSeeThePipeButNoFormAndTheirForgedChangesAreRefusedWithoutACall() throws Exception {
        RequestPostProcessor viewer = user("edit-viewer").roles("VIEWER");
        String page = page(viewer);
        assertThat(page).contains("needs the Operator role", "public_orders").doesNotContain("<form action=\"" + editPath)
                .doesNotContain("name=\"seenUpdatedAt\"");

        for (String action : List.of("/name", "/credentials", "/mappings")) {
            int status = mvc.perform(form(action, viewer).param("name", "x").param("password", "y")
                    .param("seenUpdatedAt", SEEN_AT)).andReturn().getResponse().getStatus();
            assertThat(status).as(action).isEqualTo(403);
        }
        assertThat(writes()).isEmpty();
    }

    // ---- helpers ----

    private String page(RequestPostProcessor who) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(editPath).with(who)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString();
    }

    private MockHttpServletRequestBuilder form(String action, RequestPostProcessor who) {
        return post(editPath + action).with(csrf()).with(who);
    }

    /** What was sent to change something (every call but a read). */
    private List<FakeCloud.Received> writes() {
        return cloud.received().stream().filter(r -> !r.method().equals("GET")).toList();
    }

    private List<Map<String, Object>> auditRows(String action) {
        return jdbc.queryForList("select * from audit_record where organization_id = ? and action = ? order by id",
                organizationId, action);
    }

    /** The last record of a call's result (not its attempt). */
    private Map<String, Object> auditResult(String action) {
        List<Map<String, Object>> rows = auditRows(action).stream().filter(row -> !"attempt".equals(row.get("outcome")))
                .toList();
        assertThat(rows).isNotEmpty();
        return rows.get(rows.size() - 1);
    }

    static String seenUpdatedAt(String page) {
        Matcher matcher = SEEN_UPDATED_AT.matcher(page);
        assertThat(matcher.find()).as("the page carries the updatedAt it shows").isTrue();
        return matcher.group(1);
    }

    /** The error message shown in the field block of the input with this id (before the next field begins). */
    static String fieldError(String page, String fieldId) {
        int field = page.indexOf("id=\"" + fieldId + "\"");
        assertThat(field).as("field " + fieldId).isNotNegative();
        int error = page.indexOf("class=\"field-error\"", field);
        int nextField = page.indexOf("<div class=\"field", field);
        assertThat(error).as("an error under " + fieldId).isPositive();
        assertThat(nextField < 0 || error < nextField).as("the error belongs to " + fieldId).isTrue();
        return page.substring(error, page.indexOf("</p>", error));
    }

    static String postgresPipe(String name, String updatedAt) {
        return """
                {"id":"%s","serviceId":"%s","name":"%s","state":"Running",
                 "source":{"postgres":{"type":"postgres","host":"db.example.com","port":5432,"database":"shop",
                   "authentication":"basic","tableMappings":[
                     {"sourceSchemaName":"public","sourceTable":"orders","targetTable":"public_orders"}]}},
                 "destination":{"database":"shop"},"createdAt":"2026-01-01T00:00:00Z","updatedAt":"%s"}"""
                .formatted(PIPE, SERVICE, name, updatedAt);
    }
}
