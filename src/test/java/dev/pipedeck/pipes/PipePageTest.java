package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.pipedeck.testsupport.FakeCloud;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipe page against a local stand-in for ClickHouse Cloud: what it shows (secrets masked), the toggle, resync,
 * the scaling sliders and deletion — each change sent once with exactly the body the API expects, audited, refused
 * for viewers, and shown with the API's message and requestId when ClickHouse Cloud says no.
 */
@SpringBootTest(properties = "pipedeck.cloud.read-cache-ttl=0s")
@AutoConfigureMockMvc
class PipePageTest {

    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-0000000000a1";
    static final String PIPE = "9e8d7c6b-1111-4222-8333-0000000000b2";
    static final String SEEN = "2026-11-20T10:00:00Z";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    FakeCloud cloud;
    String organizationId;
    String servicePath;
    String pipePath;
    String page;

    @BeforeEach
    void connect() throws Exception {
        cloud = new FakeCloud();
        organizationId = UUID.randomUUID().toString();
        servicePath = "/organizations/" + organizationId + "/services/" + SERVICE;
        pipePath = servicePath + "/clickpipes/" + PIPE;
        page = "/organizations/" + organizationId + "/services/" + SERVICE + "/pipes/" + PIPE;
        cloud.connectOrganization(mvc, organizationId, "Page org");
        cloud.ok("GET", servicePath, "{\"id\":\"" + SERVICE + "\",\"name\":\"analytics\",\"state\":\"running\"}");
        cloud.ok("GET", pipePath, kafkaPipe("Running", SEEN));
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void thePageShowsTheSourceDestinationAndRawJsonWithSecretsMasked() throws Exception {
        String html = body(mvc.perform(get(page).with(user("vera").roles("VIEWER"))).andReturn().getResponse());

        assertThat(html).contains("orders from kafka", "analytics", "Page org", "broker-1:9092", "orders",
                "JSONEachRow", "events.orders", "order_id", "UInt64", "Running", "Copy JSON");
        assertThat(html).as("the credentials' password never rendered").doesNotContain("hunter2-secret")
                .contains("[redacted]");
        assertThat(html).as("breadcrumbs to the organization and the service")
                .contains("href=\"/organizations/" + organizationId + "\"",
                        "href=\"/organizations/" + organizationId + "/services/" + SERVICE + "/pipes\"");
    }

    @Test
    void operatorsStopAPipeWithTheToggleAndTheTransientStateKeepsItselfCurrent() throws Exception {
        cloud.on("PATCH", pipePath + "/state", call -> FakeCloud.envelope(kafkaPipe("Stopping", "2026-11-20T10:05:00Z")));

        String fragment = body(mvc.perform(post(page + "/state").with(csrf()).with(user("otto").roles("OPERATOR"))
                .header("HX-Request", "true").param("command", "stop").param("seenUpdatedAt", SEEN))
                .andReturn().getResponse());

        assertThat(cloud.count("PATCH", pipePath + "/state")).isEqualTo(1);
        FakeCloud.Received sent = cloud.received().stream().filter(r -> r.method().equals("PATCH")).findFirst()
                .orElseThrow();
        assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree("{\"command\":\"stop\"}"));
        assertThat(fragment).contains("id=\"pipe-state\"", "Stopping", "hx-trigger=\"every 2s\"", "Settling")
                .doesNotContain("<html");
        assertThat(jdbc.queryForList("select action, outcome, actor, change_after from audit_record "
                + "where pipe_id = ? and attempt_id is not null", PIPE).toString())
                .contains("pipe.state.stop", "success", "otto", "Stopping");

        cloud.ok("GET", pipePath, kafkaPipe("Stopped", "2026-11-20T10:05:09Z"));
        String settled = body(mvc.perform(get(page + "/state").with(user("vera").roles("VIEWER"))).andReturn()
                .getResponse());
        assertThat(settled).contains("Stopped").doesNotContain("hx-trigger");
    }

    @Test
    void someoneElsesChangeMeanwhileIsShownAndNothingIsSent() throws Exception {
        cloud.ok("GET", pipePath, kafkaPipe("Stopped", "2026-11-20T10:07:00Z"));

        String fragment = body(mvc.perform(post(page + "/state").with(csrf()).with(user("otto").roles("OPERATOR"))
                .header("HX-Request", "true").param("command", "stop").param("seenUpdatedAt", SEEN))
                .andReturn().getResponse());

        assertThat(cloud.count("PATCH", pipePath + "/state")).isZero();
        assertThat(fragment).contains("Someone changed this pipe", "Stopped", "aria-checked=\"false\"");
    }

    @Test
    void anUpstreamRefusalShowsItsMessageAndRequestIdAndTheToggleStaysTrue() throws Exception {
        String error = "BAD_REQUEST: ClickPipe is busy, try again later";
        cloud.fail("PATCH", pipePath + "/state", 400, error);

        String fragment = body(mvc.perform(post(page + "/state").with(csrf()).with(user("otto").roles("OPERATOR"))
                .header("HX-Request", "true").param("command", "stop").param("seenUpdatedAt", SEEN))
                .andReturn().getResponse());

        assertThat(fragment).contains("The pipe did not change", "ClickPipe is busy", FakeCloud.requestIdFor(error),
                "Running", "aria-checked=\"true\"");
        assertThat(jdbc.queryForList("select outcome, upstream_request_id from audit_record where pipe_id = ? "
                + "and attempt_id is not null", PIPE).toString()).contains(FakeCloud.requestIdFor(error));
    }

    @Test
    void viewersSeeNoControlsAndTheirForgedChangesAreRefusedUnsent() throws Exception {
        String html = body(mvc.perform(get(page).with(user("vera").roles("VIEWER"))).andReturn().getResponse());
        assertThat(html).doesNotContain("role=\"switch\"", ">Apply<", "Delete…", "Resync");

        for (MockHttpServletRequestBuilder forged : new MockHttpServletRequestBuilder[] {
                post(page + "/state").param("command", "stop"),
                post(page + "/scaling").param("replicas", "3").param("replicaCpuMillicores", "500")
                        .param("replicaMemoryGb", "2"),
                post(page + "/delete").param("confirmName", "orders from kafka") }) {
            assertThat(mvc.perform(forged.with(csrf()).with(user("vera").roles("VIEWER"))).andReturn().getResponse()
                    .getStatus()).isEqualTo(403);
        }
        assertThat(cloud.received()).noneMatch(r -> !r.method().equals("GET"));
    }

    @Test
    void scalingSendsOnlyWhatChangedAndRecordsBeforeAndAfter() throws Exception {
        cloud.ok("PATCH", pipePath + "/scaling", kafkaPipe("Running", "2026-11-20T10:06:00Z"));

        String fragment = body(mvc.perform(post(page + "/scaling").with(csrf()).with(user("otto").roles("OPERATOR"))
                .header("HX-Request", "true").param("replicas", "3").param("replicaCpuMillicores", "500")
                .param("replicaMemoryGb", "2.0").param("seenUpdatedAt", SEEN)).andReturn().getResponse());

        FakeCloud.Received sent = cloud.received().stream().filter(r -> r.method().equals("PATCH")).findFirst()
                .orElseThrow();
        assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree("{\"replicas\":3}"));
        assertThat(fragment).contains("Applied: replicas 1 → 3");
        assertThat(jdbc.queryForList("select change_before, change_after from audit_record where pipe_id = ? "
                + "and action = 'pipe.scaling.update' and attempt_id is not null", PIPE).toString())
                .contains("\"replicas\":1", "\"replicas\":3");
    }

    @Test
    void outOfRangeScalingIsRefusedAtTheFieldKeepingWhatWasTypedAndNothingIsSent() throws Exception {
        String fragment = body(mvc.perform(post(page + "/scaling").with(csrf()).with(user("otto").roles("OPERATOR"))
                .header("HX-Request", "true").param("replicas", "41").param("replicaCpuMillicores", "130")
                .param("replicaMemoryGb", "2").param("seenUpdatedAt", SEEN)).andReturn().getResponse());

        assertThat(fragment).contains("Replicas must be a whole number from 1 to 40.",
                "CPU per replica must be 125 to 2000 millicores, in steps of 125.", "value=\"41\"", "value=\"130\"");
        assertThat(cloud.received()).noneMatch(r -> r.method().equals("PATCH"));
    }

    @Test
    void resyncIsOfferedAndSentOnlyForPostgresAndMySqlPipes() throws Exception {
        String refused = body(mvc.perform(post(page + "/state").with(csrf()).with(user("otto").roles("OPERATOR"))
                .header("HX-Request", "true").param("command", "resync")).andReturn().getResponse());
        assertThat(refused).contains("Only Postgres and MySQL pipes can be resynced.");
        assertThat(cloud.count("PATCH", pipePath + "/state")).isZero();

        cloud.ok("GET", pipePath, postgresPipe("Running"));
        cloud.ok("PATCH", pipePath + "/state", postgresPipe("Resync"));
        String html = body(mvc.perform(get(page).with(user("otto").roles("OPERATOR"))).andReturn().getResponse());
        assertThat(html).contains("Resync…", "public.orders", "CDC capacity").doesNotContain("id=\"pipe-scaling\"");
        mvc.perform(post(page + "/state").with(csrf()).with(user("otto").roles("OPERATOR")).param("command", "resync"));
        assertThat(cloud.count("PATCH", pipePath + "/state")).isEqualTo(1);
    }

    @Test
    void deletingNeedsTheExactNameAndSaysTheTablesStay() throws Exception {
        cloud.ok("DELETE", pipePath, "{}");
        String confirm = body(mvc.perform(get(page + "/delete").with(user("otto").roles("OPERATOR"))).andReturn()
                .getResponse());
        assertThat(confirm).contains("Destination tables are not deleted", "data-confirm-text=\"orders from kafka\"");

        String wrong = body(mvc.perform(post(page + "/delete").with(csrf()).with(user("otto").roles("OPERATOR"))
                .param("confirmName", "orders")).andReturn().getResponse());
        assertThat(wrong).contains("Type the pipe&#39;s name exactly", "value=\"orders\"");
        assertThat(cloud.count("DELETE", pipePath)).isZero();

        MockHttpServletResponse done = mvc.perform(post(page + "/delete").with(csrf())
                .with(user("otto").roles("OPERATOR")).param("confirmName", "orders from kafka")).andReturn()
                .getResponse();
        assertThat(done.getRedirectedUrl()).isEqualTo("/organizations/" + organizationId + "/services/" + SERVICE
                + "/pipes");
        assertThat(cloud.count("DELETE", pipePath)).isEqualTo(1);
        assertThat(jdbc.queryForList("select action, outcome from audit_record where pipe_id = ?", PIPE).toString())
                .contains("pipe.delete", "invalid", "success");
    }

    static String kafkaPipe(String state, String updatedAt) {
        return """
                {"id":"%s","serviceId":"%s","name":"orders from kafka","state":"%s",
                 "scaling":{"replicas":1,"replicaCpuMillicores":500,"replicaMemoryGb":2.0},
                 "source":{"kafka":{"type":"confluent","format":"JSONEachRow","brokers":"broker-1:9092",
                   "topics":"orders","authentication":"PLAIN",
                   "credentials":{"username":"ingest","password":"hunter2-secret"}}},
                 "destination":{"database":"events","table":"orders","managedTable":true,
                   "columns":[{"name":"order_id","type":"UInt64"},{"name":"amount","type":"Float64"}]},
                 "fieldMappings":[{"sourceField":"id","destinationField":"order_id"}],
                 "createdAt":"2026-11-01T09:00:00Z","updatedAt":"%s"}
                """.formatted(PIPE, SERVICE, state, updatedAt);
    }

    static String postgresPipe(String state) {
        return """
                {"id":"%s","serviceId":"%s","name":"orders cdc","state":"%s",
                 "source":{"postgres":{"type":"supabase","host":"db.example.com","port":5432,"database":"shop",
                   "tableMappings":[{"sourceSchemaName":"public","sourceTable":"orders","targetTable":"orders"}]}},
                 "destination":{"database":"shop"},
                 "createdAt":"2026-11-01T09:00:00Z","updatedAt":"2026-11-20T10:00:00Z"}
                """.formatted(PIPE, SERVICE, state);
    }

    private static String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString();
    }
}
