package dev.pipedeck.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

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

import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.OpenApiSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wizard pages against a local stand-in for ClickHouse Cloud: a Kinesis pipe walked from the start page to
 * Create, with a wrong field refused at the field and fixed, Back and Next keeping everything, the review showing the
 * exact body (which the spec accepts), a double Create sending one request, and a planted secret nowhere to be seen.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class WizardPagesTest {

    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-0000000000c1";
    static final String NEW_PIPE = "9e8d7c6b-1111-4222-8333-0000000000c2";
    static final String PLANTED = "wJalrXUtnFEMI-planted-SECRET-K7MDENG";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    FakeCloud cloud;
    String organizationId;
    String pipes;

    @BeforeEach
    void connect() throws Exception {
        cloud = new FakeCloud();
        organizationId = UUID.randomUUID().toString();
        pipes = "/organizations/" + organizationId + "/services/" + SERVICE + "/pipes";
        cloud.connectOrganization(mvc, organizationId, "Wizard org");
        cloud.ok("GET", "/organizations/" + organizationId + "/services/" + SERVICE,
                "{\"id\":\"" + SERVICE + "\",\"name\":\"analytics\",\"state\":\"running\"}");
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void anOperatorWalksTheKinesisWizardAndCreatesExactlyOnePipe(CapturedOutput output) throws Exception {
        String start = body(mvc.perform(get(pipes + "/new").with(user("otto").roles("OPERATOR"))).andReturn()
                .getResponse());
        assertThat(start).contains("Confluent Cloud", "Amazon Kinesis", "Google Pub/Sub", "Amazon S3", "Supabase",
                "MongoDB", "BigQuery").doesNotContain("coming in a later release");

        String step1 = mvc.perform(post(pipes + "/new").with(csrf()).with(user("otto").roles("OPERATOR"))
                .param("kind", "kinesis")).andReturn().getResponse().getRedirectedUrl();
        assertThat(step1).matches(".*/pipes/new/[0-9a-f-]{36}/step/1");
        String draft = step1.replaceAll(".*/new/([0-9a-f-]{36})/step/1", "$1");

        // Step 1 with a malformed access key id: refused at the field, everything typed kept, the secret not echoed.
        String refused = body(step(1, "next", Map.of("name", "clicks from kinesis", "region", "us-east-1",
                "authentication", "IAM_USER", "accessKey.accessKeyId", "bad key",
                "secret:accessKey.secretKey", PLANTED)));
        assertThat(refused).contains("Some fields need fixing", "value=\"bad key\"", "value=\"clicks from kinesis\"",
                "stored — leave blank to keep").doesNotContain(PLANTED);
        String fixed = step(1, "next", Map.of("name", "clicks from kinesis", "region", "us-east-1",
                "authentication", "IAM_USER", "accessKey.accessKeyId", "AKIAIOSFODNN7EXAMPLE")).getRedirectedUrl();
        assertThat(fixed).as("the secret typed before is kept").endsWith("/step/2");

        String invalid = body(step(2, "next", Map.of("streamName", "clicks", "format", "CSV",
                "iteratorType", "LATEST")));
        assertThat(invalid).contains("Record format must be one of", "value=\"clicks\"");
        assertThat(step(2, "next", Map.of("streamName", "clicks", "format", "JSONEachRow", "iteratorType", "LATEST"))
                .getRedirectedUrl()).endsWith("/step/3");

        // Step 3: back to 2 and forward again keeps everything.
        step(3, "add-row", Map.of("destination.database", "default", "destination.table", "clicks",
                "destination.managedTable", "true", "destination.engine", "MergeTree",
                "columns.0.name", "id", "columns.0.type", "UInt64"));
        String withTwoRows = body(mvc.perform(get(pipes + "/new/" + draft + "/step/3")
                .with(user("otto").roles("OPERATOR"))).andReturn().getResponse());
        assertThat(withTwoRows).contains("name=\"columns.1.name\"", "value=\"id\"");
        assertThat(step(3, "back", Map.of("destination.database", "default", "destination.table", "clicks",
                "destination.managedTable", "true", "destination.engine", "MergeTree", "destination.sortingKey", "id",
                "columns.0.name", "id", "columns.0.type", "UInt64", "columns.1.name", "url",
                "columns.1.type", "String")).getRedirectedUrl()).endsWith("/step/2");
        String stepTwoAgain = body(mvc.perform(get(pipes + "/new/" + draft + "/step/2")
                .with(user("otto").roles("OPERATOR"))).andReturn().getResponse());
        assertThat(stepTwoAgain).contains("value=\"clicks\"");
        step(2, "next", Map.of("streamName", "clicks", "format", "JSONEachRow", "iteratorType", "LATEST"));
        String stepThree = body(mvc.perform(get(pipes + "/new/" + draft + "/step/3")
                .with(user("otto").roles("OPERATOR"))).andReturn().getResponse());
        assertThat(stepThree).contains("value=\"url\"", "value=\"String\"", "value=\"id\"");
        step(3, "next", Map.of("destination.database", "default", "destination.table", "clicks",
                "destination.managedTable", "true", "destination.engine", "MergeTree", "destination.sortingKey", "id",
                "columns.0.name", "id", "columns.0.type", "UInt64", "columns.1.name", "url",
                "columns.1.type", "String"));
        assertThat(step(4, "next", Map.of("scaling.replicas", "2")).getRedirectedUrl()).endsWith("/step/5");

        String review = body(mvc.perform(get(pipes + "/new/" + draft + "/step/5")
                .with(user("otto").roles("OPERATOR"))).andReturn().getResponse());
        assertThat(review).contains("Copy as curl", "/api/v1/organizations/" + organizationId + "/services/" + SERVICE
                + "/clickpipes", "[redacted]", "stored, encrypted").doesNotContain(PLANTED);

        // Create, clicked twice at once: one request upstream, both land on the new pipe.
        cloud.on("POST", "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes", call -> {
            sleep(300);
            return FakeCloud.envelope("{\"id\":\"" + NEW_PIPE + "\",\"name\":\"clicks from kinesis\","
                    + "\"state\":\"Provisioning\"}");
        });
        List<CompletableFuture<MockHttpServletResponse>> clicks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            clicks.add(CompletableFuture.supplyAsync(() -> perform(post(pipes + "/new/" + draft + "/create")
                    .with(csrf()).with(user("otto").roles("OPERATOR")))));
        }
        List<MockHttpServletResponse> answers = clicks.stream().map(CompletableFuture::join).toList();
        assertThat(cloud.count("POST", "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes"))
                .isEqualTo(1);
        assertThat(answers).anySatisfy(a -> assertThat(a.getRedirectedUrl()).isEqualTo(pipes + "/" + NEW_PIPE));

        FakeCloud.Received sent = cloud.received().stream().filter(r -> r.method().equals("POST")).findFirst()
                .orElseThrow();
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.at("/source/kinesis/accessKey/secretKey").asString()).as("the secret does go upstream")
                .isEqualTo(PLANTED);
        assertThat(body.at("/destination/columns").size()).isEqualTo(2);
        assertThat(body.at("/destination/tableDefinition/sortingKey/0").asString()).isEqualTo("id");
        assertThat(body.at("/scaling/replicas").asInt()).isEqualTo(2);
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        assertThat(spec.violations(spec.operation("POST", "/v1/organizations/" + organizationId + "/services/"
                + SERVICE + "/clickpipes").requestSchema(), body)).isEmpty();

        // The planted secret: in no database row, no audit record, no log line.
        for (String table : List.of("wizard_draft", "audit_record")) {
            assertThat(jdbc.queryForList("select * from " + table).toString()).as(table).doesNotContain(PLANTED);
        }
        assertThat(jdbc.queryForList("select action, outcome from audit_record where action = 'pipe.create' "
                + "and organization_id = ?", organizationId).toString()).contains("success");
        assertThat(output.getAll()).doesNotContain(PLANTED);
    }

    @Test
    void anUpstreamRefusalKeepsTheWholeWizardToFixAndRetry() throws Exception {
        String draft = startKinesis();
        step(1, "next", Map.of("name", "x", "region", "us-east-1", "authentication", "IAM_ROLE",
                "iamRole", "arn:aws:iam::123456789012:role/clickpipes"));
        step(2, "next", Map.of("streamName", "clicks", "format", "JSONEachRow", "iteratorType", "LATEST"));
        step(3, "next", Map.of("destination.database", "default", "destination.table", "clicks",
                "destination.managedTable", "true", "destination.engine", "MergeTree", "columns.0.name", "id",
                "columns.0.type", "UInt64"));
        step(4, "next", Map.of());
        String error = "BAD_REQUEST: Kinesis stream clicks not found";
        cloud.fail("POST", "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes", 400, error);

        String page = body(perform(post(pipes + "/new/" + draft + "/create").with(csrf())
                .with(user("otto").roles("OPERATOR"))));
        assertThat(page).contains("did not create the pipe", "Kinesis stream clicks not found",
                FakeCloud.requestIdFor(error), "Create pipe");
        assertThat(jdbc.queryForObject("select status from wizard_draft where id = ?", String.class, draft))
                .isEqualTo("OPEN");
    }

    @Test
    void viewersCannotStartOrCreateAndNothingIsSent() throws Exception {
        assertThat(perform(get(pipes + "/new").with(user("vera").roles("VIEWER"))).getStatus()).isEqualTo(403);
        assertThat(perform(post(pipes + "/new").with(csrf()).with(user("vera").roles("VIEWER"))
                .param("kind", "kinesis")).getStatus()).isEqualTo(403);
        String draft = startKinesis();
        assertThat(perform(get(pipes + "/new/" + draft + "/step/1").with(user("someone-else").roles("OPERATOR")))
                .getStatus()).as("a draft is its owner's").isEqualTo(404);
        assertThat(cloud.received()).noneMatch(r -> r.method().equals("POST"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "empty required   | kafka   | confluent | 1 | brokers=                                   | brokers                  | Brokers is required",
        "bad enum         | kafka   | msk       | 1 | authentication=PLAIN                       | authentication           | must be one of",
        "malformed ARN    | kafka   | msk       | 1 | authentication=IAM_ROLE;iamRole=role/x     | iamRole                  | must be an AWS ARN",
        "malformed URL    | kafka   | confluent | 2 | format=Avro;schemaRegistry.url=not a url   | schemaRegistry.url       | must be a URL",
        "out of range     | pubsub  |           | 2 | ackDeadline=601                            | ackDeadline              | from 10 to 600",
        "malformed JSON   | pubsub  |           | 1 | secret:serviceAccountKey={not json         | serviceAccountKey        | not valid JSON",
        "replicas 41      | kinesis |           | 4 | scaling.replicas=41                        | scaling.replicas         | from 1 to 40",
        "queue, one-off   | objectStorage | s3  | 2 | format=JSONEachRow;queueUrl=https://sqs.us-east-1.amazonaws.com/123456789012/q | queueUrl | only applies to continuous ingestion",
        "S3 conn. string  | objectStorage | s3  | 1 | authentication=CONNECTION_STRING;secret:connectionString=AccountKey=k | authentication | must be one of" })
    void eachKindOfBadInputGetsAMessageAtItsFieldAndNothingIsSent(String name, String kind, String type, int step,
            String typed, String field, String message) throws Exception {
        MockHttpServletRequestBuilder start = post(pipes + "/new").with(csrf()).with(user("otto").roles("OPERATOR"))
                .param("kind", kind);
        if (type != null) {
            start.param("type", type);
        }
        String draft = perform(start).getRedirectedUrl().replaceAll(".*/new/([0-9a-f-]{36})/step/1", "$1");
        jdbc.update("update wizard_draft set step = 5 where id = ?", draft);
        MockHttpServletRequestBuilder request = post(pipes + "/new/" + draft + "/step/" + step).with(csrf())
                .with(user("otto").roles("OPERATOR")).param("_action", "next");
        for (String pair : typed.split(";")) {
            String[] parts = pair.split("=", 2);
            request.param(parts[0], parts[1]);
        }
        String page = body(perform(request));

        String error = page.replaceAll("(?s).*id=\"f-" + field.replace(".", "-") + "-error\"[^>]*>([^<]*)<.*", "$1");
        assertThat(error).as(name + ": the message element of " + field).hasSizeLessThan(300).contains(message);
        assertThat(cloud.received()).noneMatch(r -> r.method().equals("POST"));
    }

    @Test
    void discoverSchemaFillsTheColumnsOrSaysWhyNot() throws Exception {
        String draft = startKinesis();
        step(1, "next", Map.of("name", "x", "region", "us-east-1", "authentication", "IAM_ROLE",
                "iamRole", "arn:aws:iam::123456789012:role/clickpipes"));
        String discovery = "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes/schemaDiscovery";
        cloud.ok("POST", discovery, "{\"fields\":[{\"name\":\"session_id\",\"type\":\"String\"},"
                + "{\"name\":\"ts\",\"type\":\"DateTime64(3)\",\"optional\":true}]}");
        String found = body(step(2, "discover", Map.of("streamName", "clicks", "format", "JSONEachRow",
                "iteratorType", "LATEST")));
        assertThat(found).contains("Discovered 2 columns");
        assertThat(jdbc.queryForObject("select values_json from wizard_draft where id = ?", String.class, draft))
                .contains("session_id", "Nullable(DateTime64(3))");

        String error = "BAD_REQUEST: stream clicks has no records to sample";
        cloud.fail("POST", discovery, 400, error);
        String failed = body(step(2, "discover", Map.of("streamName", "clicks", "format", "JSONEachRow",
                "iteratorType", "LATEST")));
        assertThat(failed).contains("Schema discovery did not work", "no records to sample",
                FakeCloud.requestIdFor(error));
    }

    @Test
    void duplicateOpensTheWizardFilledFromThePipeWithoutItsSecrets() throws Exception {
        String pipe = "9e8d7c6b-1111-4222-8333-0000000000c9";
        cloud.ok("GET", "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes/" + pipe, """
                {"id":"%s","name":"clicks","state":"Running",
                 "source":{"kinesis":{"format":"JSONEachRow","streamName":"clicks","region":"eu-west-1",
                   "iteratorType":"LATEST","authentication":"IAM_USER","accessKey":{"accessKeyId":"AKIAIOSFODNN7EXAMPLE"}}},
                 "destination":{"database":"web","table":"clicks","managedTable":true,
                   "tableDefinition":{"engine":{"type":"MergeTree"},"sortingKey":["id"]},
                   "columns":[{"name":"id","type":"UInt64"}]}}""".formatted(pipe));
        String stepOne = perform(post(pipes + "/" + pipe + "/duplicate").with(csrf())
                .with(user("otto").roles("OPERATOR"))).getRedirectedUrl();
        String page = body(perform(get(stepOne).with(user("otto").roles("OPERATOR"))));
        assertThat(page).contains("value=\"Copy of clicks\"", "value=\"eu-west-1\"", "value=\"AKIAIOSFODNN7EXAMPLE\"")
                .doesNotContain("stored — leave blank to keep");
        String draft = stepOne.replaceAll(".*/new/([0-9a-f-]{36})/step/1", "$1");
        assertThat(jdbc.queryForObject("select secrets_ciphertext from wizard_draft where id = ?", String.class,
                draft)).isNull();
        assertThat(jdbc.queryForObject("select values_json from wizard_draft where id = ?", String.class, draft))
                .contains("\"destination.table\":\"clicks\"", "\"columns.0.type\":\"UInt64\"");
    }

    private String startKinesis() throws Exception {
        String step1 = perform(post(pipes + "/new").with(csrf()).with(user("otto").roles("OPERATOR"))
                .param("kind", "kinesis")).getRedirectedUrl();
        return step1.replaceAll(".*/new/([0-9a-f-]{36})/step/1", "$1");
    }

    private String currentDraft() {
        return jdbc.queryForObject("select id from wizard_draft where owner = 'otto' and organization_id = ? "
                + "order by created_at desc limit 1", String.class, organizationId);
    }

    private MockHttpServletResponse step(int step, String action, Map<String, String> fields) throws Exception {
        MockHttpServletRequestBuilder request = post(pipes + "/new/" + currentDraft() + "/step/" + step).with(csrf())
                .with(user("otto").roles("OPERATOR")).param("_action", action);
        fields.forEach(request::param);
        return mvc.perform(request).andReturn().getResponse();
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) {
        try {
            return mvc.perform(request).andReturn().getResponse();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
