package dev.pipedeck.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.pipedeck.cloud.clickpipe.ClickPipeState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the sandbox organization holds at start and after a reset: two services ("analytics-prod", running, and
 * "staging", which can be made idle), a dozen example pipes of every kind in telling states (one stalled, one
 * erroring), a reverse private endpoint, and optionally many generated pipes for benchmarks. Ids are fixed, so links
 * a console stored survive a restart.
 */
final class SandboxSeed {

    static final String ORGANIZATION_ID = "0b7c2a1e-5d4f-4e8a-9c3b-6f1a2d3e4c5b";
    static final String ORGANIZATION_NAME = "Sandbox organization";
    static final Instant ORGANIZATION_CREATED_AT = Instant.parse("2024-03-01T09:00:00Z");
    static final String PRODUCTION_ID = "3f6a9c2e-1b4d-4e7f-8a5c-0d2e4f6a8b1c";
    static final String STAGING_ID = "7c1e5a3b-9d2f-4b6e-8c4a-2e5f7a9b1d3c";
    static final String STALLED_PIPE_ID = seedId("payments from MSK");
    static final String ERRORING_PIPE_ID = seedId("S3 access logs");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SandboxSeed() {
    }

    /** How a seeded pipe behaves in the metrics. */
    enum Behaviour { HEALTHY, STALLED, ERRORING }

    /**
     * A pipe to plant.
     *
     * @param id its fixed id
     * @param serviceId the service it belongs to
     * @param body a create body (checked like any other)
     * @param state its state now; a transient state settles after {@code settlesAfter}
     * @param age how long ago it was created
     * @param settlesAfter for a transient state, how long until it settles into Running
     * @param behaviour healthy, stalled or erroring
     */
    record SeedPipe(String id, String serviceId, JsonNode body, ClickPipeState state, Duration age,
            Duration settlesAfter, Behaviour behaviour) {
    }

    /** A service to create. */
    record SeedService(String id, String name, String region, String environment, boolean idleScaling,
            Instant createdAt) {
    }

    static List<SeedService> services() {
        return List.of(
                new SeedService(PRODUCTION_ID, "analytics-prod", "us-east-1", "prod", false,
                        Instant.parse("2024-03-04T10:30:00Z")),
                new SeedService(STAGING_ID, "staging", "eu-west-1", "staging", true,
                        Instant.parse("2024-06-18T14:05:00Z")));
    }

    /** The example pipes; {@code provisioningTime} is how long the Pub/Sub pipe stays Provisioning. */
    static List<SeedPipe> examples(Duration provisioningTime) {
        List<SeedPipe> pipes = new ArrayList<>();
        pipes.add(pipe(PRODUCTION_ID, KAFKA_CONFLUENT, ClickPipeState.RUNNING, 21));
        pipes.add(pipe(PRODUCTION_ID, KINESIS, ClickPipeState.STOPPED, 9));
        pipes.add(new SeedPipe(ERRORING_PIPE_ID, PRODUCTION_ID, json(S3_LOGS), ClickPipeState.RUNNING,
                Duration.ofDays(14), Duration.ZERO, Behaviour.ERRORING));
        pipes.add(new SeedPipe(STALLED_PIPE_ID, PRODUCTION_ID, json(KAFKA_MSK), ClickPipeState.RUNNING,
                Duration.ofDays(30), Duration.ZERO, Behaviour.STALLED));
        pipes.add(pipe(PRODUCTION_ID, POSTGRES, ClickPipeState.RUNNING, 45));
        pipes.add(pipe(PRODUCTION_ID, MYSQL, ClickPipeState.PAUSED, 12));
        pipes.add(pipe(PRODUCTION_ID, MONGODB, ClickPipeState.FAILED, 5));
        JsonNode pubsub = json(PUBSUB);
        pipes.add(new SeedPipe(seedId(pubsub.get("name").asString()), PRODUCTION_ID, pubsub,
                ClickPipeState.PROVISIONING, Duration.ZERO, provisioningTime, Behaviour.HEALTHY));
        pipes.add(pipe(PRODUCTION_ID, GCS_BACKFILL, ClickPipeState.COMPLETED, 60));
        pipes.add(pipe(PRODUCTION_ID, BIGQUERY, ClickPipeState.COMPLETED, 3));
        pipes.add(pipe(STAGING_ID, KAFKA_REDPANDA, ClickPipeState.RUNNING, 2));
        pipes.add(pipe(STAGING_ID, POSTGRES_STAGING, ClickPipeState.RUNNING, 2));
        return pipes;
    }

    /** {@code count} generated pipes for benchmarks, in the first service: mostly running, some stopped or failed. */
    static List<SeedPipe> generated(int count) {
        List<String> templates = List.of(KAFKA_CONFLUENT, S3_LOGS, KINESIS, POSTGRES);
        List<SeedPipe> pipes = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            ObjectNode body = (ObjectNode) json(templates.get(i % templates.size()));
            String name = String.format("bench-%05d", i);
            body.put("name", name);
            boolean database = body.path("source").has("postgres");
            ClickPipeState state = i % 25 == 0 ? ClickPipeState.FAILED
                    : i % 10 == 0 ? (database ? ClickPipeState.PAUSED : ClickPipeState.STOPPED)
                    : ClickPipeState.RUNNING;
            pipes.add(new SeedPipe(seedId("bench:" + name), PRODUCTION_ID, body, state, Duration.ofDays(1 + i % 30),
                    Duration.ZERO, Behaviour.HEALTHY));
        }
        return pipes;
    }

    /**
     * Pipes whose names, tables, topics and URLs are markup or script URLs, shown while hostile strings are on (in
     * analytics-prod, beside the example pipes).
     */
    static List<SeedPipe> hostile() {
        ObjectNode script = (ObjectNode) json(KAFKA_CONFLUENT);
        script.put("name", SandboxFaults.HOSTILE_SCRIPT);
        ((ObjectNode) script.get("destination")).put("table", SandboxFaults.HOSTILE_ATTRIBUTE);
        ((ObjectNode) script.get("source").get("kafka")).put("consumerGroup", SandboxFaults.HOSTILE_SVG);
        ObjectNode attribute = (ObjectNode) json(S3_LOGS);
        attribute.put("name", SandboxFaults.HOSTILE_ATTRIBUTE);
        ((ObjectNode) attribute.get("source").get("objectStorage")).put("url", SandboxFaults.HOSTILE_URL);
        ((ObjectNode) attribute.get("destination")).put("table", SandboxFaults.HOSTILE_SCRIPT);
        ObjectNode tables = (ObjectNode) json(POSTGRES);
        tables.put("name", SandboxFaults.HOSTILE_URL);
        ObjectNode postgres = (ObjectNode) tables.get("source").get("postgres");
        postgres.put("database", SandboxFaults.HOSTILE_SVG);
        ObjectNode mapping = (ObjectNode) postgres.get("tableMappings").get(0);
        mapping.put("sourceSchemaName", SandboxFaults.HOSTILE_ATTRIBUTE);
        mapping.put("sourceTable", SandboxFaults.HOSTILE_SCRIPT);
        mapping.put("targetTable", SandboxFaults.HOSTILE_SVG);
        ((ObjectNode) tables.get("destination")).put("database", SandboxFaults.HOSTILE_SCRIPT);
        return List.of(
                new SeedPipe(seedId("hostile:script"), PRODUCTION_ID, script, ClickPipeState.RUNNING,
                        Duration.ofHours(6), Duration.ZERO, Behaviour.HEALTHY),
                new SeedPipe(seedId("hostile:attribute"), PRODUCTION_ID, attribute, ClickPipeState.FAILED,
                        Duration.ofHours(3), Duration.ZERO, Behaviour.ERRORING),
                new SeedPipe(seedId("hostile:tables"), PRODUCTION_ID, tables, ClickPipeState.RUNNING,
                        Duration.ofHours(2), Duration.ZERO, Behaviour.HEALTHY));
    }

    /** A third service whose name is markup, shown while hostile strings are on (it has no pipes). */
    static SeedService hostileService() {
        return new SeedService(seedId("hostile:service"), SandboxFaults.HOSTILE_SCRIPT + " " + SandboxFaults.HOSTILE_ATTRIBUTE,
                "us-east-1", "dev", false, Instant.parse("2024-09-01T08:00:00Z"));
    }

    /** A reverse private endpoint of analytics-prod whose description is markup, while hostile strings are on. */
    static JsonNode hostileEndpoint() {
        ObjectNode endpoint = (ObjectNode) endpoint();
        endpoint.put("description", SandboxFaults.HOSTILE_ATTRIBUTE + SandboxFaults.HOSTILE_SCRIPT);
        endpoint.put("vpcEndpointServiceName", "com.amazonaws.vpce.us-east-1.vpce-svc-0fedcba9876543210");
        endpoint.putArray("customPrivateDnsMappings");
        return endpoint;
    }

    static String hostileEndpointId() {
        return seedId("endpoint:hostile");
    }

    /** The reverse private endpoint of analytics-prod. */
    static JsonNode endpoint() {
        return json("""
                {"description":"MSK brokers in the prod VPC","type":"VPC_ENDPOINT_SERVICE",
                 "vpcEndpointServiceName":"com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718",
                 "customPrivateDnsMappings":[{"privateDnsName":"msk.prod.internal"}]}""");
    }

    static String endpointId() {
        return seedId("endpoint:msk");
    }

    /** A stable id from a name. */
    static String seedId(String name) {
        return UUID.nameUUIDFromBytes(("pipedeck-sandbox:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static SeedPipe pipe(String serviceId, String body, ClickPipeState state, int ageDays) {
        JsonNode json = json(body);
        return new SeedPipe(seedId(json.get("name").asString()), serviceId, json, state, Duration.ofDays(ageDays),
                Duration.ZERO, Behaviour.HEALTHY);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    // Example create bodies. The secrets in them are made up; the sandbox never stores them.

    private static final String KAFKA_CONFLUENT = """
            {"name":"orders from Confluent Cloud",
             "source":{"kafka":{"type":"confluent","format":"JSONEachRow",
               "brokers":"pkc-4r087.us-east-1.aws.confluent.cloud:9092","topics":"orders",
               "consumerGroup":"clickpipes-orders","authentication":"PLAIN",
               "credentials":{"username":"SANDBOXAPIKEY","password":"sandbox-only-secret"},
               "offset":{"strategy":"from_beginning"}}},
             "destination":{"database":"default","table":"orders","managedTable":true,
               "tableDefinition":{"engine":{"type":"MergeTree"},"sortingKey":["order_id"]},
               "columns":[{"name":"order_id","type":"UInt64"},{"name":"customer_id","type":"UInt64"},
                          {"name":"amount","type":"Decimal(12, 2)"},{"name":"created_at","type":"DateTime64(3)"}]},
             "scaling":{"replicas":2,"replicaCpuMillicores":500,"replicaMemoryGb":2},
             "settings":{"streaming_max_insert_wait_ms":5000}}""";

    private static final String KINESIS = """
            {"name":"clickstream from Kinesis",
             "source":{"kinesis":{"format":"JSONEachRow","streamName":"clickstream","region":"us-east-1",
               "iteratorType":"LATEST","authentication":"IAM_ROLE",
               "iamRole":"arn:aws:iam::123456789012:role/clickpipes-kinesis"}},
             "destination":{"table":"clickstream","managedTable":true,
               "tableDefinition":{"engine":{"type":"MergeTree"},"sortingKey":["session_id","ts"]},
               "columns":[{"name":"session_id","type":"String"},{"name":"url","type":"String"},
                          {"name":"ts","type":"DateTime64(3)"}]}}""";

    private static final String S3_LOGS = """
            {"name":"S3 access logs",
             "source":{"objectStorage":{"type":"s3","format":"JSONEachRow",
               "url":"https://acme-logs.s3.amazonaws.com/access/*.json.gz","compression":"gzip","isContinuous":true,
               "authentication":"IAM_ROLE","iamRole":"arn:aws:iam::123456789012:role/clickpipes-s3"}},
             "destination":{"table":"access_logs","managedTable":true,
               "tableDefinition":{"engine":{"type":"MergeTree"},"sortingKey":["ts"]},
               "columns":[{"name":"ts","type":"DateTime"},{"name":"path","type":"String"},
                          {"name":"status","type":"UInt16"}]},
             "settings":{"object_storage_concurrency":4}}""";

    private static final String KAFKA_MSK = """
            {"name":"payments from MSK",
             "source":{"kafka":{"type":"msk","format":"JSONEachRow",
               "brokers":"b-1.payments.kafka.us-east-1.amazonaws.com:9098","topics":"payments",
               "authentication":"IAM_ROLE","iamRole":"arn:aws:iam::123456789012:role/clickpipes-msk"}},
             "destination":{"table":"payments","managedTable":true,
               "tableDefinition":{"engine":{"type":"ReplacingMergeTree","versionColumnId":"version"},
                                  "sortingKey":["payment_id"]},
               "columns":[{"name":"payment_id","type":"UUID"},{"name":"version","type":"UInt64"},
                          {"name":"amount","type":"Decimal(12, 2)"}]}}""";

    private static final String POSTGRES = """
            {"name":"shop database (Postgres CDC)",
             "source":{"postgres":{"type":"rdspostgres","host":"shop.cluster-abc123.us-east-1.rds.amazonaws.com",
               "port":5432,"database":"shop","credentials":{"username":"clickpipes","password":"sandbox-only-secret"},
               "settings":{"replicationMode":"cdc","syncIntervalSeconds":30,"pullBatchSize":50000},
               "tableMappings":[
                 {"sourceSchemaName":"public","sourceTable":"orders","targetTable":"public_orders"},
                 {"sourceSchemaName":"public","sourceTable":"customers","targetTable":"public_customers"},
                 {"sourceSchemaName":"public","sourceTable":"order_items","targetTable":"public_order_items",
                  "tableEngine":"ReplacingMergeTree"}]}},
             "destination":{"database":"shop"}}""";

    private static final String MYSQL = """
            {"name":"billing (MySQL CDC)",
             "source":{"mysql":{"type":"auroramysql","host":"billing.cluster-def456.us-east-1.rds.amazonaws.com",
               "port":3306,"credentials":{"username":"clickpipes","password":"sandbox-only-secret"},
               "settings":{"replicationMode":"cdc"},
               "tableMappings":[{"sourceSchemaName":"billing","sourceTable":"invoices","targetTable":"billing_invoices"}]}},
             "destination":{"database":"billing"}}""";

    private static final String MONGODB = """
            {"name":"catalog (MongoDB CDC)",
             "source":{"mongodb":{"uri":"mongodb+srv://catalog.abcde.mongodb.net","readPreference":"secondaryPreferred",
               "credentials":{"username":"clickpipes","password":"sandbox-only-secret"},
               "settings":{"replicationMode":"cdc"},
               "tableMappings":[{"sourceDatabaseName":"catalog","sourceCollection":"products",
                                 "targetTable":"catalog_products"}]}},
             "destination":{"database":"catalog"}}""";

    private static final String PUBSUB = """
            {"name":"events from Pub/Sub",
             "source":{"pubsub":{"format":"JSONEachRow","projectId":"acme-analytics","topic":"app-events",
               "authentication":"SERVICE_ACCOUNT","seekType":"latest",
               "serviceAccountKey":{"serviceAccountFile":"eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0="}}},
             "destination":{"table":"app_events","managedTable":true,
               "tableDefinition":{"engine":{"type":"MergeTree"}},
               "columns":[{"name":"event","type":"String"},{"name":"ts","type":"DateTime"}]}}""";

    private static final String GCS_BACKFILL = """
            {"name":"GCS backfill 2024",
             "source":{"objectStorage":{"type":"gcs","format":"Parquet","url":"gs://acme-archive/2024/*.parquet",
               "isContinuous":false,"authentication":"SERVICE_ACCOUNT",
               "serviceAccountKey":"eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0="}},
             "destination":{"table":"archive_2024","managedTable":true,
               "tableDefinition":{"engine":{"type":"MergeTree"}},
               "columns":[{"name":"id","type":"UInt64"},{"name":"payload","type":"String"}]}}""";

    private static final String BIGQUERY = """
            {"name":"warehouse snapshot (BigQuery)",
             "source":{"bigquery":{"snapshotStagingPath":"gs://acme-staging/bigquery/",
               "settings":{"replicationMode":"snapshot"},
               "tableMappings":[{"sourceDatasetName":"warehouse","sourceTable":"daily_revenue",
                                 "targetTable":"warehouse_daily_revenue"}],
               "credentials":{"serviceAccountFile":"eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0="}}},
             "destination":{"database":"warehouse"}}""";

    private static final String KAFKA_REDPANDA = """
            {"name":"staging events (Redpanda)",
             "source":{"kafka":{"type":"redpanda","format":"JSONEachRow","brokers":"seed-1.staging.redpanda.acme.dev:9092",
               "topics":"events","authentication":"SCRAM-SHA-256",
               "credentials":{"username":"clickpipes","password":"sandbox-only-secret"}}},
             "destination":{"table":"events","managedTable":true,"tableDefinition":{"engine":{"type":"MergeTree"}},
               "columns":[{"name":"event","type":"String"},{"name":"ts","type":"DateTime"}]}}""";

    private static final String POSTGRES_STAGING = """
            {"name":"staging orders (Postgres CDC)",
             "source":{"postgres":{"type":"supabase","host":"db.abcdefghijkl.supabase.co","port":5432,
               "database":"postgres","credentials":{"username":"postgres","password":"sandbox-only-secret"},
               "settings":{"replicationMode":"cdc_only","replicationSlotName":"clickpipes_slot"},
               "tableMappings":[{"sourceSchemaName":"public","sourceTable":"orders","targetTable":"public_orders"}]}},
             "destination":{"database":"staging"}}""";
}
