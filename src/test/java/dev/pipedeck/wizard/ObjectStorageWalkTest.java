package dev.pipedeck.wizard;

import static dev.pipedeck.wizard.WizardWalker.next;
import static dev.pipedeck.wizard.WizardWalker.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
 * Every object storage type with every sign-in method it offers, walked through the wizard's pages as a browser would
 * post them: the body that reaches (a local stand-in for) ClickHouse Cloud is what the spec accepts, carries the
 * secret typed on step 1 and the object storage settings of step 4, and no audit record or draft row keeps the secret.
 * Combinations the spec rules out are refused at their field with nothing sent, and a field a type does not have —
 * a connection string on S3 — is never sent even when posted.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ObjectStorageWalkTest {

    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-0000000000e1";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static FakeCloud cloud;
    static String organizationId;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startCloud() {
        cloud = new FakeCloud();
        organizationId = UUID.randomUUID().toString();
        cloud.ok("GET", "/organizations/" + organizationId + "/services/" + SERVICE,
                "{\"id\":\"" + SERVICE + "\",\"name\":\"analytics\",\"state\":\"running\"}");
        cloud.ok("POST", "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes",
                "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"walked\",\"state\":\"Provisioning\"}");
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    @BeforeEach
    void connectOnce() throws Exception {
        WizardWalker.connectOnce(mvc, jdbc, organizationId, "Object walk org", "ObjWalk", cloud.baseUrl());
    }

    record Walk(String type, String method, Map<String, String> connection, Map<String, String> data,
            String secret) {
        @Override
        public String toString() {
            return type + " · " + method;
        }
    }

    static Stream<Arguments> walks() {
        Map<String, List<String>> methods = new LinkedHashMap<>();
        methods.put("s3", List.of("IAM_USER", "IAM_ROLE", "PUBLIC"));
        methods.put("gcs", List.of("IAM_USER", "SERVICE_ACCOUNT", "PUBLIC"));
        methods.put("dospaces", List.of("IAM_USER"));
        methods.put("azureblobstorage", List.of("CONNECTION_STRING"));
        methods.put("cloudflarer2", List.of("IAM_USER", "PUBLIC"));
        methods.put("ovhobjectstorage", List.of("IAM_USER", "PUBLIC"));
        List<Arguments> walks = new ArrayList<>();
        methods.forEach((type, signIns) -> signIns.forEach(method -> {
            Map<String, String> connection = new LinkedHashMap<>();
            if (type.equals("azureblobstorage")) {
                connection.put("azureContainerName", "acme-lake");
                connection.put("path", "events/**/*.json");
            } else {
                connection.put("url", ObjectStorageWizardTest.URLS.get(type));
            }
            connection.put("authentication", method);
            String secret = "planted" + type + method.replace("_", "") + UUID.randomUUID().toString().replace("-", "");
            switch (method) {
                case "IAM_USER" -> {
                    connection.put("accessKey.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
                    connection.put("secret:accessKey.secretKey", secret);
                }
                case "IAM_ROLE" -> {
                    connection.put("iamRole", "arn:aws:iam::123456789012:role/clickpipes-s3");
                    secret = null;
                }
                case "SERVICE_ACCOUNT" -> connection.put("secret:serviceAccountKey",
                        ObjectStorageWizardTest.KEY_FILE.replace("acme-analytics.iam", secret + ".iam"));
                case "CONNECTION_STRING" -> connection.put("secret:connectionString",
                        "DefaultEndpointsProtocol=https;AccountName=acmelake;AccountKey=" + secret
                                + ";EndpointSuffix=core.windows.net");
                default -> secret = null;
            }
            Map<String, String> data = new LinkedHashMap<>();
            data.put("format", "CSVWithNames");
            data.put("compression", "gzip");
            data.put("delimiter", ";");
            data.put("isContinuous", "true");
            if (ObjectStorageWizardTest.QUEUES.containsKey(type) && !method.equals("PUBLIC")) {
                data.put("queueUrl", ObjectStorageWizardTest.QUEUES.get(type));
            }
            data.put("startAfter", "events/2026-06-01/");
            walks.add(Arguments.of(new Walk(type, method, connection, data, secret)));
        }));
        return walks.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("walks")
    void theWizardSendsWhatTheSpecAccepts(Walk walk) throws Exception {
        String base = start(walk.type());
        Map<String, String> first = new LinkedHashMap<>(walk.connection());
        first.put("name", "walked " + walk);
        assertThat(next(mvc, base, 1, first)).endsWith("/step/2");
        assertThat(next(mvc, base, 2, walk.data())).endsWith("/step/3");
        assertThat(next(mvc, base, 3, destination())).endsWith("/step/4");
        String stepFour = body(perform(get(base + "/step/4").with(user("walker").roles("OPERATOR"))));
        assertThat(stepFour).contains("Object storage concurrency", "Max file count")
                .doesNotContain("name=\"scaling.replicas\"");
        assertThat(next(mvc, base, 4, Map.of("settings.object_storage_concurrency", "4",
                "settings.object_storage_max_file_count", "100"))).endsWith("/step/5");

        FakeCloud.Received sent = create(base);
        JsonNode body = JSON.readTree(sent.body());
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        assertThat(spec.violations(spec.operation("POST", "/v1/organizations/" + organizationId + "/services/"
                + SERVICE + "/clickpipes").requestSchema(), body)).as(body.toString()).isEmpty();
        JsonNode storage = body.at("/source/objectStorage");
        assertThat(storage.path("type").asString()).isEqualTo(walk.type());
        assertThat(storage.path("authentication").asString(null))
                .isEqualTo(walk.method().equals("PUBLIC") ? null : walk.method());
        assertThat(storage.path("format").asString()).isEqualTo("CSVWithNames");
        assertThat(storage.path("delimiter").asString()).isEqualTo(";");
        assertThat(storage.path("isContinuous").asBoolean()).isTrue();
        assertThat(storage.path("queueUrl").asString(null)).isEqualTo(walk.data().get("queueUrl"));
        assertThat(storage.path("startAfter").asString()).isEqualTo("events/2026-06-01/");
        assertThat(body.at("/settings/object_storage_concurrency").asInt()).isEqualTo(4);
        assertThat(body.at("/settings/object_storage_max_file_count").asInt()).isEqualTo(100);
        assertThat(body.has("scaling")).as("object storage pipes are not sized by replicas").isFalse();

        if (walk.secret() != null) {
            String upstream = walk.method().equals("SERVICE_ACCOUNT")
                    ? new String(Base64.getDecoder().decode(storage.path("serviceAccountKey").asString()),
                            StandardCharsets.UTF_8)
                    : sent.body();
            assertThat(upstream).as("the secret reaches ClickHouse Cloud").contains(walk.secret());
            assertThat(jdbc.queryForList("select * from audit_record where action = 'pipe.create'").toString())
                    .doesNotContain(walk.secret());
            assertThat(jdbc.queryForList("select * from wizard_draft").toString()).doesNotContain(walk.secret());
            if (walk.method().equals("SERVICE_ACCOUNT")) {
                assertThat(jdbc.queryForList("select * from audit_record").toString())
                        .doesNotContain(storage.path("serviceAccountKey").asString());
            }
        }
    }

    @Test
    void aConnectionStringPostedForS3IsRefusedAsAMethodAndNeverSentAsAField() throws Exception {
        String planted = "AccountKey" + UUID.randomUUID().toString().replace("-", "");
        String connectionString = "DefaultEndpointsProtocol=https;AccountName=acmelake;AccountKey=" + planted;
        int before = cloud.received().size();

        // As a sign-in method: S3 has no such choice, so the Authentication field says so.
        String base = start("s3");
        Map<String, String> forged = new LinkedHashMap<>(Map.of("name", "forged",
                "url", ObjectStorageWizardTest.URLS.get("s3"), "authentication", "CONNECTION_STRING",
                "secret:connectionString", connectionString));
        MockHttpServletResponse refused = step(mvc, base, 1, forged);
        assertThat(fieldError(body(refused), "authentication")).contains("must be one of");

        // As a stray field beside a real sign-in method: S3 has no connection string field; it is dropped.
        forged.put("authentication", "IAM_USER");
        forged.put("accessKey.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
        forged.put("secret:accessKey.secretKey", "walk-secret-key");
        assertThat(next(mvc, base, 1, forged)).endsWith("/step/2");
        assertThat(next(mvc, base, 2, Map.of("format", "JSONEachRow"))).endsWith("/step/3");
        assertThat(next(mvc, base, 3, destination())).endsWith("/step/4");
        assertThat(next(mvc, base, 4, Map.of())).endsWith("/step/5");
        assertThat(cloud.received().subList(before, cloud.received().size()))
                .noneMatch(r -> r.method().equals("POST"));

        FakeCloud.Received sent = create(base);
        assertThat(sent.body()).doesNotContain("connectionString").doesNotContain(planted);
        assertThat(jdbc.queryForList("select * from wizard_draft").toString()).doesNotContain(planted);
    }

    @Test
    void aQueueWithoutContinuousIngestionIsRefusedAtTheQueueWithNothingSent() throws Exception {
        int before = cloud.received().size();
        String base = start("s3");
        assertThat(next(mvc, base, 1, Map.of("name", "queued", "url", ObjectStorageWizardTest.URLS.get("s3"),
                "authentication", "IAM_ROLE", "iamRole", "arn:aws:iam::123456789012:role/clickpipes-s3")))
                .endsWith("/step/2");

        String page = body(step(mvc, base, 2, Map.of("format", "JSONEachRow",
                "queueUrl", ObjectStorageWizardTest.QUEUES.get("s3"))));
        assertThat(fieldError(page, "queueUrl")).contains("only applies to continuous ingestion");
        assertThat(page).contains("value=\"" + ObjectStorageWizardTest.QUEUES.get("s3") + "\"");

        page = body(step(mvc, base, 2, Map.of("format", "JSONEachRow", "isContinuous", "true",
                "skipInitialLoad", "true", "startAfter", "events/2026-06-01/")));
        assertThat(fieldError(page, "skipInitialLoad")).contains("only applies with a queue");
        assertThat(fieldError(page, "startAfter")).contains("no initial load");

        assertThat(perform(post(base + "/create").with(csrf()).with(user("walker").roles("OPERATOR")))
                .getStatus()).isLessThan(500);
        assertThat(cloud.received().subList(before, cloud.received().size()))
                .noneMatch(r -> r.method().equals("POST"));
    }

    @Test
    void aPublicBucketCannotTakeAQueue() throws Exception {
        int before = cloud.received().size();
        String base = start("gcs");
        assertThat(next(mvc, base, 1, Map.of("name", "public", "url", "gs://public-lake/data/*.json",
                "authentication", "PUBLIC"))).endsWith("/step/2");
        String page = body(step(mvc, base, 2, Map.of("format", "JSONEachRow", "isContinuous", "true",
                "queueUrl", ObjectStorageWizardTest.QUEUES.get("gcs"))));
        assertThat(fieldError(page, "queueUrl")).contains("signed-in bucket");
        assertThat(cloud.received().subList(before, cloud.received().size()))
                .noneMatch(r -> r.method().equals("POST"));
    }

    @Test
    void duplicateOpensTheWizardOfThePipesStorageTypeWithoutItsConnectionString() throws Exception {
        String pipe = UUID.randomUUID().toString();
        String planted = "AccountKey" + UUID.randomUUID().toString().replace("-", "");
        cloud.ok("GET", "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes/" + pipe, """
                {"id":"%s","name":"lake","state":"Running",
                 "source":{"objectStorage":{"type":"azureblobstorage","format":"CSV","delimiter":";",
                   "azureContainerName":"acme-lake","path":"events/*.csv","isContinuous":true,
                   "authentication":"CONNECTION_STRING",
                   "connectionString":"DefaultEndpointsProtocol=https;AccountName=acmelake;AccountKey=%s"}},
                 "destination":{"database":"web","table":"lake","managedTable":true,
                   "tableDefinition":{"engine":{"type":"MergeTree"}},
                   "columns":[{"name":"id","type":"UInt64"}]}}""".formatted(pipe, planted));
        String stepOne = perform(post("/organizations/" + organizationId + "/services/" + SERVICE + "/pipes/" + pipe
                + "/duplicate").with(csrf()).with(user("walker").roles("OPERATOR"))).getRedirectedUrl();
        assertThat(stepOne).as("the wizard opened").contains("/step/1");
        String page = body(perform(get(stepOne).with(user("walker").roles("OPERATOR"))));
        assertThat(page).contains("value=\"Copy of lake\"", "value=\"acme-lake\"", "value=\"events/*.csv\"",
                "name=\"secret:connectionString\"").doesNotContain(planted, "stored — leave blank to keep");
        String draft = stepOne.replaceAll(".*/new/([0-9a-f-]{36})/step/1", "$1");
        assertThat(jdbc.queryForMap("select source_type, secrets_ciphertext from wizard_draft where id = ?",
                draft)).containsEntry("source_type", "azureblobstorage").containsEntry("secrets_ciphertext", null);
        assertThat(jdbc.queryForObject("select values_json from wizard_draft where id = ?", String.class, draft))
                .contains("\"isContinuous\":\"true\"", "\"delimiter\":\";\"").doesNotContain(planted);
    }

    // ---- helpers

    private String start(String type) throws Exception {
        String stepOne = perform(post("/organizations/" + organizationId + "/services/" + SERVICE + "/pipes/new")
                .with(csrf()).with(user("walker").roles("OPERATOR")).param("kind", "objectStorage")
                .param("type", type)).getRedirectedUrl();
        assertThat(stepOne).as("started").isNotNull();
        return stepOne.substring(0, stepOne.lastIndexOf("/step/"));
    }

    private static Map<String, String> destination() {
        return Map.of("destination.database", "default", "destination.table", "files",
                "destination.managedTable", "true", "destination.engine", "MergeTree",
                "columns.0.name", "id", "columns.0.type", "String");
    }

    private FakeCloud.Received create(String base) throws Exception {
        int before = cloud.received().size();
        MockHttpServletResponse created = perform(post(base + "/create").with(csrf())
                .with(user("walker").roles("OPERATOR")));
        assertThat(created.getRedirectedUrl()).as(created.getContentAsString()).contains("/pipes/");
        List<FakeCloud.Received> posts = cloud.received().subList(before, cloud.received().size()).stream()
                .filter(r -> r.method().equals("POST")).toList();
        assertThat(posts).hasSize(1);
        return posts.get(0);
    }

    /** The text of a field's message element. */
    private static String fieldError(String page, String field) {
        String message = page.replaceAll("(?s).*id=\"f-" + field.replace(".", "-") + "-error\"[^>]*>([^<]*)<.*",
                "$1");
        assertThat(message).as("the message element of " + field).hasSizeLessThan(400);
        return message;
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }
}
