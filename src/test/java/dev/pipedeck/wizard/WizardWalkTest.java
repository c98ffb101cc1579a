package dev.pipedeck.wizard;

import static dev.pipedeck.wizard.WizardWalker.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * Every Kafka type with every sign-in method it offers, Kinesis and Pub/Sub, walked through the wizard's pages as a
 * browser would post them: the body that reaches (a local stand-in for) ClickHouse Cloud is what the spec accepts,
 * carries the secret typed on step 1, and no audit record or draft row keeps that secret.
 */
@SpringBootTest
@AutoConfigureMockMvc
class WizardWalkTest {

    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-0000000000d1";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUJ3b9nZyq0Xo3c2VydmVyLWNhMB4XDTI0MDEwMTAwMDAw
            -----END CERTIFICATE-----""";
    static final String PRIVATE_KEY = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgY2xpZW50LWtleS1m
            -----END PRIVATE KEY-----""";
    static final String SERVICE_ACCOUNT = """
            {"type":"service_account","project_id":"acme","private_key_id":"k1",
             "private_key":"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n",
             "client_email":"clickpipes@acme.iam.gserviceaccount.com"}""";

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
        cloud.ok("GET", "/organizations/" + organizationId + "/services/" + SERVICE
                + "/clickpipesReversePrivateEndpoints", "[]");
        cloud.ok("POST", "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes",
                "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"walked\",\"state\":\"Provisioning\"}");
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    @BeforeEach
    void connectOnce() throws Exception {
        WizardWalker.connectOnce(mvc, jdbc, organizationId, "Walk org", "Walk", cloud.baseUrl());
    }

    record Walk(String kind, String type, Map<String, String> connection, Map<String, String> data, String secret) {
        @Override
        public String toString() {
            return kind + (type == null ? "" : " · " + type) + " · " + connection.getOrDefault("authentication", "");
        }
    }

    static Stream<Arguments> walks() {
        Map<String, List<String>> methods = new LinkedHashMap<>();
        methods.put("kafka", List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "MUTUAL_TLS"));
        methods.put("confluent", List.of("PLAIN", "MUTUAL_TLS"));
        methods.put("msk", List.of("SCRAM-SHA-512", "IAM_ROLE", "IAM_USER", "MUTUAL_TLS"));
        methods.put("azureeventhub", List.of("PLAIN"));
        methods.put("redpanda", List.of("SCRAM-SHA-256", "SCRAM-SHA-512", "MUTUAL_TLS"));
        methods.put("warpstream", List.of("PLAIN"));
        methods.put("gcmk", List.of("PLAIN", "MUTUAL_TLS"));
        methods.put("dokafka", List.of("SCRAM-SHA-256", "MUTUAL_TLS"));
        List<Arguments> walks = new ArrayList<>();
        Map<String, String> kafkaData = Map.of("topics", "orders", "format", "JSONEachRow",
                "offset.strategy", "from_beginning");
        methods.forEach((type, signIns) -> signIns.forEach(method -> {
            Map<String, String> connection = new LinkedHashMap<>();
            connection.put("brokers", "broker-1.example.com:9092");
            connection.put("authentication", method);
            String secret = "planted-" + type + "-" + method + "-" + UUID.randomUUID();
            switch (method) {
                case "IAM_ROLE" -> {
                    connection.put("iamRole", "arn:aws:iam::123456789012:role/clickpipes-msk");
                    secret = null;
                }
                case "IAM_USER" -> {
                    connection.put("credentials.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
                    connection.put("secret:credentials.secretKey", secret);
                }
                case "MUTUAL_TLS" -> {
                    connection.put("credentials.certificate", CERTIFICATE);
                    String key = PRIVATE_KEY.replace("MIGHAgEAMBMG", "MIGHAgEAMBMG" + secret.replace("-", ""));
                    connection.put("secret:credentials.privateKey", key);
                    secret = secret.replace("-", "");
                }
                default -> {
                    if (type.equals("azureeventhub")) {
                        connection.put("secret:credentials.connectionString", "Endpoint=sb://acme.servicebus.windows.net/;"
                                + "SharedAccessKeyName=Root;SharedAccessKey=" + secret);
                    } else {
                        connection.put("credentials.username", "clickpipes");
                        connection.put("secret:credentials.password", secret);
                    }
                }
            }
            walks.add(Arguments.of(new Walk("kafka", type, connection, kafkaData, secret)));
        }));
        String kinesisSecret = "planted-kinesis-" + UUID.randomUUID();
        walks.add(Arguments.of(new Walk("kinesis", null, Map.of("region", "us-east-1", "authentication", "IAM_USER",
                "accessKey.accessKeyId", "AKIAIOSFODNN7EXAMPLE", "secret:accessKey.secretKey", kinesisSecret),
                Map.of("streamName", "clicks", "format", "JSONEachRow", "iteratorType", "TRIM_HORIZON"),
                kinesisSecret)));
        walks.add(Arguments.of(new Walk("pubsub", null, Map.of("projectId", "acme-analytics",
                "secret:serviceAccountKey", SERVICE_ACCOUNT),
                Map.of("topic", "events", "format", "JSONEachRow", "seekType", "earliest"), "clickpipes@acme")));
        return walks.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("walks")
    void theWizardSendsWhatTheSpecAccepts(Walk walk) throws Exception {
        MockHttpServletRequestBuilder start = post("/organizations/" + organizationId + "/services/" + SERVICE
                + "/pipes/new").with(csrf()).with(user("walker").roles("OPERATOR")).param("kind", walk.kind());
        if (walk.type() != null) {
            start.param("type", walk.type());
        }
        String stepOne = perform(start).getRedirectedUrl();
        assertThat(stepOne).as("started").isNotNull();
        String base = stepOne.substring(0, stepOne.lastIndexOf("/step/"));
        Map<String, String> first = new LinkedHashMap<>(walk.connection());
        first.put("name", "walked " + walk);
        assertThat(next(mvc, base, 1, first)).endsWith("/step/2");
        assertThat(next(mvc, base, 2, walk.data())).endsWith("/step/3");
        assertThat(next(mvc, base, 3, Map.of("destination.database", "default", "destination.table", "walked",
                "destination.managedTable", "true", "destination.engine", "MergeTree",
                "columns.0.name", "id", "columns.0.type", "String"))).endsWith("/step/4");
        assertThat(next(mvc, base, 4, Map.of())).endsWith("/step/5");
        int before = cloud.received().size();

        MockHttpServletResponse created = perform(post(base + "/create").with(csrf())
                .with(user("walker").roles("OPERATOR")));
        assertThat(created.getRedirectedUrl()).as(created.getContentAsString()).contains("/pipes/");

        FakeCloud.Received sent = cloud.received().subList(before, cloud.received().size()).stream()
                .filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        JsonNode body = JSON.readTree(sent.body());
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        assertThat(spec.violations(spec.operation("POST", "/v1/organizations/" + organizationId + "/services/"
                + SERVICE + "/clickpipes").requestSchema(), body)).as(body.toString()).isEmpty();
        assertThat(body.at("/source/" + walk.kind())).isNotEmpty();
        if (walk.type() != null) {
            assertThat(body.at("/source/kafka/type").asString()).isEqualTo(walk.type());
            assertThat(body.at("/source/kafka/authentication").asString())
                    .isEqualTo(walk.connection().get("authentication"));
        }
        if (walk.secret() != null && !walk.kind().equals("pubsub")) {
            assertThat(sent.body()).as("the secret reaches ClickHouse Cloud").contains(walk.secret());
            assertThat(jdbc.queryForList("select * from audit_record where action = 'pipe.create'").toString())
                    .doesNotContain(walk.secret());
            assertThat(jdbc.queryForList("select * from wizard_draft").toString()).doesNotContain(walk.secret());
        }
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }
}
