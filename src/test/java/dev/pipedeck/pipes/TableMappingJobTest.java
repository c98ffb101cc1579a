package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.pipedeck.sandbox.SandboxAccess;
import dev.pipedeck.sandbox.SandboxControl;
import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.TestAccounts;

/**
 * Table mapping changes, which ClickHouse Cloud accepts only while a pipe is paused: against the sandbox, the job
 * pauses the pipe, waits until it is Paused, applies the change and starts it again, reporting each step, and the
 * pipe ends Running with its new table; when the change is refused the pipe is started again anyway and the step
 * shows the API's message and requestId; only the job's starter (and admins) can follow it, and the page stops
 * polling once it is done. Jobs live in the database: a job whose instance stopped shows as interrupted and no longer
 * holds its pipe, and finished jobs are deleted after {@code keep-finished}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "pipedeck.sandbox.transition-delay=200ms", "pipedeck.pipes.mapping-change.poll-interval=100ms" })
@AutoConfigureMockMvc
class TableMappingJobTest {

    static final String SANDBOX_SERVICE = "3f6a9c2e-1b4d-4e7f-8a5c-0d2e4f6a8b1c";
    static final String SANDBOX_POSTGRES_PIPE = UUID.nameUUIDFromBytes(
            "pipedeck-sandbox:shop database (Postgres CDC)".getBytes(StandardCharsets.UTF_8)).toString();
    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-00000000f001";
    static final String PIPE = "9e8d7c6b-1111-4222-8333-00000000f002";
    static final RequestPostProcessor OPERATOR = user("map-operator").roles("OPERATOR");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SandboxAccess sandbox;

    @Autowired
    SandboxControl sandboxControl;

    @Autowired
    TableMappingJobCleanup cleanup;

    FakeCloud cloud;

    @AfterEach
    void putThingsBack() {
        if (cloud != null) {
            cloud.close();
        }
        TestAccounts.asAdmin(sandboxControl::reset);
    }

    @Test
    void addingATableToARunningCdcPipePausesAppliesAndStartsItAgainReportingEachStep() throws Exception {
        mvc.perform(post("/organizations/sandbox").with(csrf()).with(user("admin").roles("ADMIN")));
        jdbc.update("update org_connection set budget_requests = 1000 where sandbox");
        long auditedBefore = jdbc.queryForObject("select coalesce(max(id), 0) from audit_record", Long.class);
        String edit = "/organizations/" + sandbox.organizationId() + "/services/" + SANDBOX_SERVICE + "/pipes/"
                + SANDBOX_POSTGRES_PIPE + "/edit";
        String page = mvc.perform(get(edit).with(OPERATOR)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("shop database (Postgres CDC)", ">Running<", "public_order_items",
                "Pause, apply and start");

        MockHttpServletResponse started = mvc.perform(post(edit + "/mappings").with(csrf()).with(OPERATOR)
                .param("seenUpdatedAt", PipeEditPageTest.seenUpdatedAt(page))
                .param("add[0].sourceNamespace", "public").param("add[0].sourceTable", "payments")
                .param("add[0].targetTable", "public_payments").param("add[0].tableEngine", "MergeTree"))
                .andReturn().getResponse();
        String jobPath = started.getRedirectedUrl();
        assertThat(jobPath).startsWith(edit + "/jobs/");

        String done = awaitFinished(jobPath, OPERATOR);
        assertThat(done).contains("The table mappings were changed and the pipe is Running again.")
                .doesNotContain("hx-trigger");
        assertThat(stepStatuses(done)).containsExactly("Done", "Done", "Done", "Done", "Done");
        assertThat(done).contains("Stop requested: it was Running", "Adding public.payments → public_payments: done.",
                "Running.");

        String after = mvc.perform(get(edit).with(OPERATOR)).andReturn().getResponse().getContentAsString();
        assertThat(after).contains(">Running<", "public_payments", "public_orders");

        List<Map<String, Object>> audit = jdbc.queryForList("select action, outcome, actor, channel, change_before, "
                + "change_after from audit_record where pipe_id = ? and outcome <> 'attempt' and id > ? order by id",
                SANDBOX_POSTGRES_PIPE, auditedBefore);
        assertThat(audit).extracting(row -> row.get("action")).containsExactly("pipe.state.stop", "pipe.update",
                "pipe.state.start");
        assertThat(audit).allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("success");
            assertThat(row.get("actor")).isEqualTo("map-operator");
            assertThat(row.get("channel")).isEqualTo("web");
        });
        assertThat(audit.get(1).get("change_before").toString()).doesNotContain("public_payments");
        assertThat(audit.get(1).get("change_after").toString()).contains("public.payments → public_payments");
        assertThat(audit.get(0).get("change_before").toString()).contains("Running");
    }

    @Test
    void whenTheChangeIsRefusedThePipeIsStartedAgainAndTheStepShowsTheMessageAndRequestId() throws Exception {
        String error = "BAD_REQUEST: source.postgres.tableMappingsToAdd[0]: relation public.ghost does not exist";
        AtomicReference<String> state = fakePipe();
        cloud.fail("PATCH", pipePath(), 400, error);

        String jobPath = startAddingGhost();
        String finished = awaitFinished(jobPath, OPERATOR);

        assertThat(stepStatuses(finished)).containsExactly("Done", "Done", "Failed", "Skipped", "Done");
        assertThat(finished).contains("relation public.ghost does not exist", "HTTP 400", FakeCloud.requestIdFor(error),
                "The change failed:", "The pipe was started again with its tables as they were.");
        assertThat(state.get()).isEqualTo("Running");
        assertThat(cloud.received().stream().filter(r -> !r.method().equals("GET"))
                .map(r -> r.method() + " " + r.path().substring(r.path().lastIndexOf('/')) + " " + r.body()).toList())
                .containsExactly("PATCH /state {\"command\":\"stop\"}",
                        "PATCH /" + PIPE + " " + ghostPatch(),
                        "PATCH /state {\"command\":\"start\"}");
        List<Map<String, Object>> audit = jdbc.queryForList("select action, outcome, upstream_request_id from "
                + "audit_record where pipe_id = ? and outcome <> 'attempt' order by id", PIPE);
        assertThat(audit).extracting(row -> row.get("action") + " " + row.get("outcome"))
                .containsExactly("pipe.state.stop success", "pipe.update invalid", "pipe.state.start success");
        assertThat(audit.get(1).get("upstream_request_id")).isEqualTo(FakeCloud.requestIdFor(error));
    }

    @Test
    void onlyTheStarterAndAdminsFollowAJobAndItsFragmentPollsOnlyWhileItRuns() throws Exception {
        AtomicReference<String> state = fakePipe();
        AtomicReference<Boolean> holdPausing = new AtomicReference<>(true);
        cloud.on("PATCH", pipePath() + "/state", call -> {
            boolean stop = call.body().contains("stop");
            state.set(stop ? (holdPausing.get() ? "Pausing" : "Paused") : "Running");
            return FakeCloud.envelope(pipeJson(state.get()));
        });
        cloud.on("PATCH", pipePath(), call -> FakeCloud.envelope(pipeJson(state.get())));

        String jobPath = startAddingGhost();
        String running = fragment(jobPath, OPERATOR);
        assertThat(running).contains("hx-trigger=\"every 1s\"", "hx-get=\"" + jobPath + "\"", "In progress",
                ">Refresh<");
        assertThat(mvc.perform(get(jobPath).with(OPERATOR)).andReturn().getResponse().getContentAsString())
                .as("the full page, readable without JavaScript").contains("Table mapping change of", "public.ghost",
                        "href=\"" + jobPath + "\"");
        assertThat(mvc.perform(get(jobPath).with(user("other-operator").roles("OPERATOR"))).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get(jobPath).with(user("a-viewer").roles("VIEWER"))).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get(jobPath).with(user("an-admin").roles("ADMIN"))).andReturn().getResponse()
                .getStatus()).isEqualTo(200);

        String again = mvc.perform(post(editPath() + "/mappings").with(csrf()).with(OPERATOR)
                .param("add[0].sourceNamespace", "public").param("add[0].sourceTable", "other")
                .param("add[0].targetTable", "public_other")).andReturn().getResponse().getContentAsString();
        assertThat(again).contains("A table mapping change of this pipe is still running");

        state.set("Paused");
        String finished = awaitFinished(jobPath, OPERATOR);
        assertThat(finished).contains("Done").doesNotContain("hx-trigger").doesNotContain("hx-get")
                .doesNotContain(">Refresh<");
    }

    @Test
    void aJobWhoseInstanceStoppedShowsAsInterruptedAndNoLongerHoldsThePipe() throws Exception {
        AtomicReference<String> state = fakePipe();
        cloud.on("PATCH", pipePath() + "/state", call -> {
            state.set(call.body().contains("stop") ? "Pausing" : "Running");
            return FakeCloud.envelope(pipeJson(state.get()));
        });
        cloud.on("PATCH", pipePath(), call -> FakeCloud.envelope(pipeJson(state.get())));
        String jobPath = startAddingGhost();
        String jobId = jobPath.substring(jobPath.lastIndexOf('/') + 1);
        awaitFragment(jobPath, fragment -> fragment.contains("Now Pausing"));
        assertThat(mvc.perform(get(editPath()).with(OPERATOR)).andReturn().getResponse().getContentAsString())
                .contains("Follow its progress");

        // The instance running it dies mid-way: its heartbeat stops. (Here: the row names an instance that is gone
        // and was last heard of two minutes ago; this instance's thread finds the job is no longer its own.)
        jdbc.update("update table_mapping_job set instance_name = 'an instance that stopped', heartbeat_at = ? "
                + "where id = ?", Instant.now().minus(Duration.ofMinutes(2)).atOffset(ZoneOffset.UTC), jobId);

        String interrupted = fragment(jobPath, OPERATOR);
        assertThat(interrupted).contains(">Interrupted<", "Interrupted — the Pipedeck instance running it stopped; "
                + "check the pipe&#39;s state before retrying.", "Now Pausing").doesNotContain("hx-trigger")
                .doesNotContain(">Refresh<");
        assertThat(stepStatuses(interrupted)).containsExactly("Done", "Interrupted", "Skipped", "Skipped", "Skipped");
        assertThat(mvc.perform(get(editPath()).with(OPERATOR)).andReturn().getResponse().getContentAsString())
                .as("an interrupted change is not running").doesNotContain("Follow its progress");

        cleanup.cleanUp();
        assertThat(jdbc.queryForMap("select status, running_pipe, finished_at from table_mapping_job where id = ?",
                jobId)).containsEntry("status", "INTERRUPTED").containsEntry("running_pipe", null)
                .satisfies(row -> assertThat(row.get("finished_at")).isNotNull());
        assertThat(fragment(jobPath, OPERATOR)).contains("Interrupted — the Pipedeck instance running it stopped");

        // The pipe paused after all; the operator checks it and tries again: the pipe is free.
        state.set("Paused");
        String retried = startAddingGhost();
        assertThat(retried).isNotEqualTo(jobPath);
        String finished = awaitFinished(retried, OPERATOR);
        assertThat(finished).contains("The table mappings were changed. The pipe was Paused before, so it stays "
                + "paused.");
        assertThat(cloud.received().stream().filter(r -> !r.method().equals("GET"))
                .map(r -> r.method() + " " + r.path().substring(r.path().lastIndexOf('/')) + " " + r.body()).toList())
                .as("the interrupted job's thread stopped touching the pipe: one stop from it, the retry's change")
                .containsExactly("PATCH /state {\"command\":\"stop\"}", "PATCH /" + PIPE + " " + ghostPatch());
        assertThat(fragment(jobPath, OPERATOR)).contains(">Interrupted<");
    }

    @Test
    void finishedJobsAreKeptForKeepFinishedThenDeletedByTheCleanup() throws Exception {
        fakePipe();
        String jobPath = startAddingGhost();
        String jobId = jobPath.substring(jobPath.lastIndexOf('/') + 1);
        awaitFinished(jobPath, OPERATOR);

        jdbc.update("update table_mapping_job set finished_at = ? where id = ?",
                Instant.now().minus(Duration.ofDays(6)).atOffset(ZoneOffset.UTC), jobId);
        cleanup.cleanUp();
        assertThat(mvc.perform(get(jobPath).with(OPERATOR)).andReturn().getResponse().getStatus()).isEqualTo(200);

        jdbc.update("update table_mapping_job set finished_at = ? where id = ?",
                Instant.now().minus(Duration.ofDays(8)).atOffset(ZoneOffset.UTC), jobId);
        cleanup.cleanUp();
        assertThat(mvc.perform(get(jobPath).with(OPERATOR)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from table_mapping_job_step where job_id = ?", Integer.class,
                jobId)).isZero();
    }

    @Test
    void theJobsRowHoldsWhatThePageShowsAndNoSecret() throws Exception {
        fakePipe();
        String jobPath = startAddingGhost();
        String jobId = jobPath.substring(jobPath.lastIndexOf('/') + 1);
        awaitFinished(jobPath, OPERATOR);
        Map<String, Object> row = jdbc.queryForMap("select * from table_mapping_job where id = ?", jobId);
        assertThat(row).containsEntry("organization_id", organizationId()).containsEntry("service_id", SERVICE)
                .containsEntry("pipe_id", PIPE).containsEntry("pipe_name", "orders (Postgres CDC)")
                .containsEntry("owner_username", "map-operator").containsEntry("status", "FAILED")
                .containsEntry("running_pipe", null);
        assertThat(row.get("tables_added").toString()).isEqualTo("[\"public.ghost → public_ghost\"]");
        assertThat(row.toString() + jdbc.queryForList("select * from table_mapping_job_step where job_id = ?", jobId))
                .doesNotContain("TestKeySecret99").doesNotContain("TestKey01");
    }

    // ---- helpers ----

    /** A Running Postgres pipe whose state follows stop and start; answers its state holder. */
    private AtomicReference<String> fakePipe() throws Exception {
        cloud = new FakeCloud();
        cloud.connectOrganization(mvc, organizationId(), "Mapping org");
        cloud.ok("GET", "/organizations/" + organizationId() + "/services/" + SERVICE,
                "{\"id\":\"" + SERVICE + "\",\"name\":\"analytics\"}");
        AtomicReference<String> state = new AtomicReference<>("Running");
        cloud.on("GET", pipePath(), call -> FakeCloud.envelope(pipeJson(state.get())));
        cloud.on("PATCH", pipePath() + "/state", call -> {
            state.set(call.body().contains("stop") ? "Paused" : "Running");
            return FakeCloud.envelope(pipeJson(call.body().contains("stop") ? "Pausing" : "Running"));
        });
        return state;
    }

    private String startAddingGhost() throws Exception {
        MockHttpServletResponse started = mvc.perform(post(editPath() + "/mappings").with(csrf()).with(OPERATOR)
                .param("seenUpdatedAt", "2026-11-20T10:00:00Z")
                .param("add[0].sourceNamespace", "public").param("add[0].sourceTable", "ghost")
                .param("add[0].targetTable", "public_ghost")).andReturn().getResponse();
        assertThat(started.getRedirectedUrl()).as(started.getContentAsString()).startsWith(editPath() + "/jobs/");
        return started.getRedirectedUrl();
    }

    private static String ghostPatch() {
        return "{\"source\":{\"postgres\":{\"tableMappingsToAdd\":[{\"sourceSchemaName\":\"public\","
                + "\"sourceTable\":\"ghost\",\"targetTable\":\"public_ghost\"}]}}}";
    }

    private String awaitFinished(String jobPath, RequestPostProcessor who) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String fragment = fragment(jobPath, who);
            if (!fragment.contains("hx-trigger")) {
                return fragment;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job did not finish: " + fragment(jobPath, who));
    }

    private String awaitFragment(String jobPath, Predicate<String> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String fragment = fragment(jobPath, OPERATOR);
            if (until.test(fragment)) {
                return fragment;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the job did not get there: " + fragment(jobPath, OPERATOR));
    }

    private String fragment(String jobPath, RequestPostProcessor who) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(jobPath).with(who).header("HX-Request", "true"))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString();
    }

    /** The status badges of the steps, in order. */
    private static List<String> stepStatuses(String fragment) {
        return Pattern.compile("<span class=\"badge state-[a-z]+\">([A-Za-z]+)</span>")
                .matcher(fragment).results().map(match -> match.group(1)).toList();
    }

    /** The FakeCloud organization of this test (JUnit makes a new instance per test). */
    private final String organizationId = UUID.randomUUID().toString();

    private String organizationId() {
        return organizationId;
    }

    private String pipePath() {
        return "/organizations/" + organizationId() + "/services/" + SERVICE + "/clickpipes/" + PIPE;
    }

    private String editPath() {
        return "/organizations/" + organizationId() + "/services/" + SERVICE + "/pipes/" + PIPE + "/edit";
    }

    private static String pipeJson(String state) {
        return """
                {"id":"%s","serviceId":"%s","name":"orders (Postgres CDC)","state":"%s",
                 "source":{"postgres":{"type":"postgres","host":"db.example.com","port":5432,"database":"shop",
                   "tableMappings":[{"sourceSchemaName":"public","sourceTable":"orders","targetTable":"public_orders"}]}},
                 "destination":{"database":"shop"},"updatedAt":"2026-11-20T10:00:00Z"}""".formatted(PIPE, SERVICE, state);
    }
}
