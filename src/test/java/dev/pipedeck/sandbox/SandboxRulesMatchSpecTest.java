package dev.pipedeck.sandbox;

import dev.pipedeck.testsupport.OpenApiSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's hand-written request rules, held to the published spec in {@code ../shared/} (skipped, saying so,
 * where it is absent). Every body the sandbox accepts must validate against the operation's request schema; every
 * body it refuses for a schema reason (type, enum, range, a schema-required field) must be one the spec refuses too.
 * A third group lists what the sandbox refuses on rules the spec states only in its descriptions (which destination a
 * database pipe takes, which authentication a Kafka type supports, 4 GiB per CDC core, …): the schema alone lets
 * those through, and the test checks that this is still so, to keep the grouping honest.
 */
class SandboxRulesMatchSpecTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenApiSpec spec;

    @BeforeEach
    void loadSpec() {
        spec = OpenApiSpec.loadOrSkip();
    }

    @TestFactory
    Stream<DynamicTest> createBodies() {
        Cases cases = new Cases("ClickPipePostRequest", PipeRules::create);
        SandboxBodies.everyKind().forEach((name, body) -> cases.accepted(name, json(body)));
        List<SandboxSeed.SeedPipe> seeds = new ArrayList<>(SandboxSeed.examples(Duration.ofMinutes(1)));
        seeds.addAll(SandboxSeed.hostile());
        seeds.addAll(SandboxSeed.generated(4));
        seeds.forEach(seed -> cases.accepted("seed: " + seed.body().get("name").asString(), seed.body()));

        String kafka = text(SandboxBodies.kafkaConfluent());
        String postgres = text(SandboxBodies.postgres());
        String mysql = text(SandboxBodies.mysql());
        String pubsub = text(SandboxBodies.pubsub());
        String kinesis = text(SandboxBodies.kinesis());
        String s3 = text(SandboxBodies.s3());
        String mongodb = text(SandboxBodies.mongodb());
        // IAM database authentication signs the database user in with a token: the username alone is spec-valid.
        cases.accepted("Postgres IAM_ROLE with the database user only", postgres.replaceAll(
                "\"credentials\":\\{[^}]*\\}", "\"authentication\":\"IAM_ROLE\",\"iamRole\":"
                        + "\"arn:aws:iam::123456789012:role/clickpipes\",\"credentials\":{\"username\":\"clickpipes_iam\"}"));
        cases.schemaRejected("Kafka type not in the enum", kafka.replace("\"confluent\"", "\"confluence\""));
        cases.schemaRejected("managedTable not a boolean", kafka.replace("\"managedTable\":true", "\"managedTable\":\"yes\""));
        cases.schemaRejected("name not a string", kafka.replace("\"My Kafka ClickPipe\"", "42"));
        cases.schemaRejected("table engine not in the enum", kafka.replace("\"MergeTree\"", "\"Memory\""));
        cases.schemaRejected("41 replicas", with(kafka, "scaling", "{\"replicas\":41}"));
        cases.schemaRejected("100 millicores", with(kafka, "scaling", "{\"replicaCpuMillicores\":100}"));
        cases.schemaRejected("9 GB per replica", with(kafka, "scaling", "{\"replicaMemoryGb\":9}"));
        cases.schemaRejected("a setting out of range", with(kafka, "settings", "{\"streaming_max_insert_wait_ms\":100}"));
        cases.schemaRejected("a boolean setting as text", with(kafka, "settings",
                "{\"object_storage_use_cluster_function\":\"yes\"}"));
        cases.schemaRejected("MySQL without settings", mysql.replace("\"settings\":{\"replicationMode\":\"cdc\"},", ""));
        cases.schemaRejected("MySQL mapping without targetTable", mysql.replace(",\"targetTable\":\"mydb_orders\"", ""));
        cases.schemaRejected("MongoDB without readPreference",
                mongodb.replace("\"readPreference\":\"secondaryPreferred\",", ""));
        cases.schemaRejected("Pub/Sub without service account key", pubsub.replaceAll(
                ",\"serviceAccountKey\":\\{[^}]*\\}", ""));
        cases.schemaRejected("Pub/Sub ack deadline of 5 s", pubsub.replace("\"ackDeadline\":60", "\"ackDeadline\":5"));
        cases.schemaRejected("Postgres port 70000", postgres.replace("5432", "70000"));
        cases.schemaRejected("Postgres host not a host name", postgres.replace("postgres.example.com", "not a host!"));
        cases.schemaRejected("Postgres table engine not in the enum", postgres.replace("\"targetTable\":\"public_users\"",
                "\"targetTable\":\"public_users\",\"tableEngine\":\"Log\""));
        cases.schemaRejected("Kinesis iterator not in the enum", kinesis.replace("TRIM_HORIZON", "OLDEST"));
        cases.schemaRejected("compression not in the enum", s3.replace("\"gzip\"", "\"rar\""));

        cases.ruleRejected("no name", kafka.replace("\"name\":\"My Kafka ClickPipe\",", ""));
        cases.ruleRejected("no source kind", with(kafka, "source", "{}"));
        cases.ruleRejected("two source kinds", kafka.replace("\"source\":{", "\"source\":{\"kinesis\":"
                + JSON.readTree(kinesis).get("source").get("kinesis") + ","));
        cases.ruleRejected("a database pipe with a destination table",
                postgres.replace("\"destination\":{\"database\":\"default\"}",
                        "\"destination\":{\"database\":\"default\",\"table\":\"t\"}"));
        cases.ruleRejected("a streaming pipe without a destination table", kafka.replace("\"table\":\"my_table\",", ""));
        cases.ruleRejected("an authentication the Kafka type does not support",
                kafka.replace("\"PLAIN\"", "\"SCRAM-SHA-512\""));
        cases.ruleRejected("PLAIN without credentials", kafka.replaceAll(",\"credentials\":\\{[^}]*\\}", ""));
        cases.ruleRejected("AT_TIMESTAMP without a timestamp", kinesis.replace("TRIM_HORIZON", "AT_TIMESTAMP"));
        cases.ruleRejected("scaling of a database pipe", with(postgres, "scaling", "{\"replicas\":2}"));
        cases.ruleRejected("a field mapping to no column", s3.replace("\"destinationField\":\"message\"",
                "\"destinationField\":\"nope\""));
        cases.ruleRejected("two mappings to one target table", postgres.replace("\"public_orders\"", "\"public_users\""));
        cases.ruleRejected("a seek timestamp with seekType latest", pubsub.replace("\"seekType\":\"timestamp\"",
                "\"seekType\":\"latest\""));
        cases.ruleRejected("an unknown setting", with(kafka, "settings", "{\"turbo\":true}"));
        cases.ruleRejected("a BigQuery staging path outside GCS", text(SandboxBodies.bigquery())
                .replace("gs://my-staging-bucket/staging/", "s3://bucket/"));
        return cases.tests();
    }

    @TestFactory
    Stream<DynamicTest> changeBodies() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        SandboxPipe kafka = pipe(SandboxBodies.kafkaConfluent(), clock);
        SandboxPipe postgres = pipe(SandboxBodies.postgres(), clock);
        Cases onKafka = new Cases("ClickPipePatchRequest", body -> PipeRules.patch(body, kafka));
        onKafka.accepted("rename", "{\"name\":\"renamed\"}");
        onKafka.accepted("new credentials", "{\"source\":{\"kafka\":{\"authentication\":\"PLAIN\","
                + "\"credentials\":{\"username\":\"u\",\"password\":\"p\"}}}}");
        onKafka.accepted("new columns and mappings", "{\"destination\":{\"columns\":[{\"name\":\"id\",\"type\":\"UInt64\"}]},"
                + "\"fieldMappings\":[{\"sourceField\":\"id\",\"destinationField\":\"id\"}]}");
        onKafka.accepted("settings", "{\"settings\":{\"streaming_max_insert_wait_ms\":1000}}");
        onKafka.schemaRejected("authentication not in the enum", "{\"source\":{\"kafka\":{\"authentication\":\"NOPE\"}}}");
        onKafka.schemaRejected("a setting out of range", "{\"settings\":{\"streaming_max_insert_wait_ms\":60001}}");
        onKafka.ruleRejected("another source kind", "{\"source\":{\"kinesis\":{\"authentication\":\"IAM_ROLE\","
                + "\"iamRole\":\"arn:aws:iam::1:role/x\"}}}");
        Cases onPostgres = new Cases("ClickPipePatchRequest", body -> PipeRules.patch(body, postgres));
        onPostgres.accepted("sync settings", "{\"source\":{\"postgres\":{\"settings\":{\"syncIntervalSeconds\":30}}}}");
        onPostgres.schemaRejected("port 0", "{\"source\":{\"postgres\":{\"port\":0}}}");
        onPostgres.ruleRejected("table mappings while not paused", "{\"source\":{\"postgres\":{\"tableMappingsToAdd\":"
                + "[{\"sourceSchemaName\":\"public\",\"sourceTable\":\"x\",\"targetTable\":\"public_x\"}]}}}");
        onPostgres.ruleRejected("columns of a database pipe", "{\"destination\":{\"columns\":[]}}");
        return Stream.concat(onKafka.tests(), onPostgres.tests());
    }

    @TestFactory
    Stream<DynamicTest> scalingSettingsAndCommands() {
        SandboxPipe kafka = pipe(SandboxBodies.kafkaConfluent(), Clock.systemUTC());
        Cases scaling = new Cases("ClickPipeScalingPatchRequest", body -> PipeRules.scaling(body, kafka));
        scaling.accepted("two replicas", "{\"replicas\":2}");
        scaling.accepted("a whole replica", "{\"replicas\":40,\"replicaCpuMillicores\":2000,\"replicaMemoryGb\":8}");
        scaling.schemaRejected("no replicas", "{\"replicas\":0}");
        scaling.schemaRejected("10 GB", "{\"replicaMemoryGb\":10}");
        scaling.schemaRejected("concurrency 35", "{\"concurrency\":35}");
        scaling.ruleRejected("nothing to scale", "{}");

        Cases cdc = new Cases("ClickPipesCdcScalingPatchRequest", PipeRules::cdcScaling);
        cdc.accepted("4 cores", "{\"replicaCpuMillicores\":4000,\"replicaMemoryGb\":16}");
        cdc.accepted("32 cores", "{\"replicaCpuMillicores\":32000,\"replicaMemoryGb\":128}");
        cdc.schemaRejected("half a core", "{\"replicaCpuMillicores\":1500,\"replicaMemoryGb\":6}");
        cdc.schemaRejected("33 cores", "{\"replicaCpuMillicores\":33000,\"replicaMemoryGb\":128}");
        cdc.ruleRejected("3 GiB per core", "{\"replicaCpuMillicores\":4000,\"replicaMemoryGb\":12}");
        cdc.ruleRejected("cores alone", "{\"replicaCpuMillicores\":4000}");

        Cases settings = new Cases("ClickPipeSettingsPutRequest", PipeRules::settings);
        settings.accepted("concurrency", "{\"object_storage_concurrency\":4}");
        settings.accepted("a reset to the default", "{\"clickhouse_max_threads\":null}");
        settings.schemaRejected("concurrency 0", "{\"object_storage_concurrency\":0}");
        settings.schemaRejected("a boolean as text", "{\"clickhouse_parallel_view_processing\":\"true\"}");
        settings.ruleRejected("an unknown setting", "{\"turbo\":1}");

        Cases command = new Cases("ClickPipeStatePatchRequest", PipeRules::stateCommand);
        command.accepted("stop", "{\"command\":\"stop\"}");
        command.schemaRejected("pause", "{\"command\":\"pause\"}");
        command.ruleRejected("no command", "{}");

        Cases service = new Cases("ServiceStatePatchRequest", PipeRules::serviceCommand);
        service.accepted("awake", "{\"command\":\"awake\"}");
        service.schemaRejected("restart", "{\"command\":\"restart\"}");

        Cases discovery = new Cases("ClickPipeSchemaDiscoveryRequest", PipeRules::schemaDiscovery);
        discovery.accepted("Kafka", "{\"source\":{\"kafka\":" + JSON.readTree(text(SandboxBodies.kafkaConfluent()))
                .get("source").get("kafka") + "}}");
        discovery.schemaRejected("a Kafka format not in the enum", "{\"source\":{\"kafka\":"
                + JSON.readTree(text(SandboxBodies.kafkaConfluent())).get("source").get("kafka").toString()
                        .replace("JSONEachRow", "CSV") + "}}");
        discovery.ruleRejected("no source kind", "{\"source\":{}}");

        Cases endpoint = new Cases("CreateReversePrivateEndpoint", body -> EndpointRules.create(body, List.of()));
        endpoint.accepted("VPC endpoint service", "{\"description\":\"d\",\"type\":\"VPC_ENDPOINT_SERVICE\","
                + "\"vpcEndpointServiceName\":\"com.amazonaws.vpce.us-east-1.vpce-svc-1\"}");
        endpoint.accepted("GCP PSC", "{\"type\":\"GCP_PSC_SERVICE_ATTACHMENT\",\"gcpServiceAttachment\":"
                + "\"projects/p/regions/r/serviceAttachments/a\"}");
        endpoint.accepted("the spec's exact and leading wildcard DNS names", "{\"type\":\"GCP_PSC_SERVICE_ATTACHMENT\","
                + "\"gcpServiceAttachment\":\"projects/p/regions/r/serviceAttachments/a\",\"customPrivateDnsMappings\":"
                + "[{\"privateDnsName\":\"my-service.example.com\"},{\"privateDnsName\":\"*.example.com\"}]}");
        endpoint.ruleRejected("a DNS name that is not one", "{\"type\":\"GCP_PSC_SERVICE_ATTACHMENT\","
                + "\"gcpServiceAttachment\":\"projects/p/regions/r/serviceAttachments/a\",\"customPrivateDnsMappings\":"
                + "[{\"privateDnsName\":\"db.*.example.com\"}]}");
        endpoint.schemaRejected("a type not in the enum", "{\"type\":\"VPN\"}");
        endpoint.schemaRejected("an MSK authentication not in the enum", "{\"type\":\"MSK_MULTI_VPC\","
                + "\"mskClusterArn\":\"arn\",\"mskAuthentication\":\"TLS\"}");
        endpoint.ruleRejected("a VPC resource without its share", "{\"type\":\"VPC_RESOURCE\","
                + "\"vpcResourceConfigurationId\":\"rcfg-1\"}");
        return Stream.of(scaling, cdc, settings, command, service, discovery, endpoint).flatMap(Cases::tests);
    }

    // ---- plumbing ----

    private static SandboxPipe pipe(ClickPipePostRequest body, Clock clock) {
        JsonNode json = json(body);
        return SandboxPipe.created("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", SandboxSeed.PRODUCTION_ID,
                PipeRules.create(json), json, clock, Duration.ofSeconds(1),
                SandboxPipe.Throughput.healthy("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"));
    }

    private static JsonNode json(Object body) {
        return JSON.readTree(JSON.writeValueAsString(body));
    }

    private static String text(Object body) {
        return json(body).toString();
    }

    private static String with(String body, String property, String valueJson) {
        ObjectNode copy = (ObjectNode) JSON.readTree(body);
        copy.set(property, JSON.readTree(valueJson));
        return copy.toString();
    }

    /** Bodies for one operation, each checked by the sandbox and by the spec's request schema. */
    private final class Cases {

        private final String schemaName;
        private final Consumer<JsonNode> sandboxCheck;
        private final List<DynamicTest> tests = new ArrayList<>();

        Cases(String schemaName, Consumer<JsonNode> sandboxCheck) {
            this.schemaName = schemaName;
            this.sandboxCheck = sandboxCheck;
        }

        void accepted(String name, String json) {
            accepted(name, JSON.readTree(json));
        }

        void accepted(String name, JsonNode body) {
            tests.add(dynamicTest(schemaName + " accepted: " + name, () -> {
                sandboxCheck.accept(body);
                assertThat(spec.violations(spec.schema(schemaName), body)).as("the spec accepts it too").isEmpty();
            }));
        }

        void schemaRejected(String name, String json) {
            JsonNode body = JSON.readTree(json);
            tests.add(dynamicTest(schemaName + " refused by the schema: " + name, () -> {
                assertThat(refusal(body)).as("the sandbox refuses it").isNotNull();
                assertThat(spec.violations(spec.schema(schemaName), body)).as("the spec refuses it too").isNotEmpty();
            }));
        }

        void ruleRejected(String name, String json) {
            JsonNode body = JSON.readTree(json);
            tests.add(dynamicTest(schemaName + " refused by a described rule: " + name, () -> {
                assertThat(refusal(body)).as("the sandbox refuses it").isNotNull();
                assertThat(spec.violations(spec.schema(schemaName), body))
                        .as("only the descriptions forbid it; the schema alone lets it through").isEmpty();
            }));
        }

        private SandboxApiException refusal(JsonNode body) {
            SandboxApiException error = catchThrowableOfType(SandboxApiException.class, () -> sandboxCheck.accept(body));
            if (error != null) {
                assertThat(error.status()).isEqualTo(400);
                assertThat(error.code()).isEqualTo("BAD_REQUEST");
            }
            return error;
        }

        Stream<DynamicTest> tests() {
            return tests.stream();
        }
    }
}
