package dev.pipedeck.sandbox;

import java.util.List;
import java.util.Map;

import dev.pipedeck.cloud.clickpipe.AccessKey;
import dev.pipedeck.cloud.clickpipe.ClickPipeBigQueryPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeBigQueryPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeBigQuerySource;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestination;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationColumn;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationTableDefinition;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationTableEngine;
import dev.pipedeck.cloud.clickpipe.ClickPipeFieldMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaOffset;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaSchemaRegistry;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeKinesisSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeObjectStorageSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePubSubSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeScaling;
import dev.pipedeck.cloud.clickpipe.ClickPipeSettings;
import dev.pipedeck.cloud.clickpipe.KafkaCredentials;
import dev.pipedeck.cloud.clickpipe.PlainCredentials;
import dev.pipedeck.cloud.clickpipe.ServiceAccount;

/** Valid create bodies of every source kind, built from the client's typed records as the console will build them. */
final class SandboxBodies {

    static final String SECRET = "a-secret-the-sandbox-must-never-echo";
    static final String SERVICE_ACCOUNT = "eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0=";

    private SandboxBodies() {
    }

    /** One valid body per kind and notable variant, named for test output. */
    static Map<String, ClickPipePostRequest> everyKind() {
        return Map.ofEntries(
                Map.entry("Kafka (Confluent, PLAIN)", kafkaConfluent()),
                Map.entry("Kafka (MSK, IAM user, Avro registry)", kafkaMsk()),
                Map.entry("Kafka (mutual TLS)", kafkaMutualTls()),
                Map.entry("Kinesis", kinesis()),
                Map.entry("S3", s3()),
                Map.entry("GCS", gcs()),
                Map.entry("Azure Blob Storage", azure()),
                Map.entry("Pub/Sub", pubsub()),
                Map.entry("Postgres CDC", postgres()),
                Map.entry("MySQL CDC", mysql()),
                Map.entry("MongoDB CDC", mongodb()),
                Map.entry("BigQuery", bigquery()));
    }

    static ClickPipePostRequest kafkaConfluent() {
        ClickPipeKafkaSource kafka = ClickPipeKafkaSource.builder()
                .type("confluent").format("JSONEachRow").brokers("broker.example.com:9092").topics("my_topic")
                .consumerGroup("clickpipes-consumer-group").authentication("PLAIN")
                .credentials(KafkaCredentials.usernamePassword("my_user", SECRET))
                .build();
        return ClickPipePostRequest.of("My Kafka ClickPipe", ClickPipePostSource.kafka(kafka),
                ClickPipeDestination.managedTable("my_table", mergeTree(),
                        List.of(column("id", "UInt64"), column("message", "String"), column("timestamp", "DateTime"))));
    }

    static ClickPipePostRequest kafkaMsk() {
        ClickPipeKafkaSource kafka = ClickPipeKafkaSource.builder()
                .type("msk").format("AvroConfluent").brokers("b-1.msk.example.com:9096,b-2.msk.example.com:9096")
                .topics("orders").authentication("IAM_USER")
                .credentials(KafkaCredentials.accessKey("AKIAIOSFODNN7EXAMPLE", SECRET))
                .offset(ClickPipeKafkaOffset.fromTimestamp("2025-01-01T00:00"))
                .schemaRegistry(new ClickPipeKafkaSchemaRegistry("https://registry.example.com", "PLAIN", null,
                        new PlainCredentials("registry_user", SECRET)))
                .exactlyOnce(true)
                .build();
        ClickPipeDestinationTableDefinition table = new ClickPipeDestinationTableDefinition(
                new ClickPipeDestinationTableEngine("ReplacingMergeTree", "version", null), List.of("id"),
                "toYYYYMM(created_at)", "id");
        return new ClickPipePostRequest("orders from MSK", ClickPipePostSource.kafka(kafka),
                ClickPipeDestination.managedTable("orders", table, List.of(column("id", "UInt64"),
                        column("version", "UInt64"), column("created_at", "DateTime64(3)"))),
                null, new ClickPipeScaling(2, null, 250, 1.0), null);
    }

    static ClickPipePostRequest kafkaMutualTls() {
        ClickPipeKafkaSource kafka = ClickPipeKafkaSource.builder()
                .type("kafka").format("JSONEachRow").brokers("kafka.internal:9093").topics("events")
                .authentication("MUTUAL_TLS")
                .credentials(KafkaCredentials.mutualTls("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
                        "-----BEGIN PRIVATE KEY-----\n" + SECRET + "\n-----END PRIVATE KEY-----"))
                .offset(ClickPipeKafkaOffset.fromBeginning())
                .build();
        return ClickPipePostRequest.of("events over mTLS", ClickPipePostSource.kafka(kafka),
                new ClickPipeDestination(null, "events", false, null, List.of(column("payload", "String")), null));
    }

    static ClickPipePostRequest kinesis() {
        ClickPipeKinesisSource kinesis = ClickPipeKinesisSource.builder()
                .format("JSONEachRow").streamName("my-stream").region("us-east-1").iteratorType("TRIM_HORIZON")
                .authentication("IAM_USER").accessKey(new AccessKey("AKIAIOSFODNN7EXAMPLE", SECRET))
                .build();
        return ClickPipePostRequest.of("My Kinesis ClickPipe", ClickPipePostSource.kinesis(kinesis),
                ClickPipeDestination.managedTable("my_table", mergeTree(),
                        List.of(column("id", "UInt64"), column("message", "String"))));
    }

    static ClickPipePostRequest s3() {
        ClickPipeObjectStorageSource s3 = ClickPipeObjectStorageSource.builder()
                .type("s3").url("https://my-bucket.s3.amazonaws.com/data/*.json").format("JSONEachRow")
                .compression("gzip").isContinuous(true).authentication("IAM_USER")
                .accessKey(new AccessKey("AKIAIOSFODNN7EXAMPLE", SECRET))
                .build();
        return new ClickPipePostRequest("My S3 ClickPipe", ClickPipePostSource.objectStorage(s3),
                ClickPipeDestination.managedTable("my_table", mergeTree(),
                        List.of(column("id", "UInt64"), column("message", "String"))),
                List.of(new ClickPipeFieldMapping("id", "id"), new ClickPipeFieldMapping("message", "message")),
                new ClickPipeScaling(1, null, 500, 2.0),
                ClickPipeSettings.of(Map.of(ClickPipeSettings.OBJECT_STORAGE_CONCURRENCY, 4)));
    }

    static ClickPipePostRequest gcs() {
        ClickPipeObjectStorageSource gcs = ClickPipeObjectStorageSource.builder()
                .type("gcs").url("gs://my-bucket/data/*.json").format("JSONEachRow")
                .authentication("SERVICE_ACCOUNT").serviceAccountKey(SERVICE_ACCOUNT)
                .build();
        return ClickPipePostRequest.of("My GCS ClickPipe", ClickPipePostSource.objectStorage(gcs),
                ClickPipeDestination.managedTable("my_table", mergeTree(), List.of(column("id", "UInt64"))));
    }

    static ClickPipePostRequest azure() {
        ClickPipeObjectStorageSource azure = ClickPipeObjectStorageSource.builder()
                .type("azureblobstorage").azureContainerName("my-container").path("data/*.json").format("JSONEachRow")
                .authentication("CONNECTION_STRING")
                .connectionString("DefaultEndpointsProtocol=https;AccountName=myaccount;AccountKey=" + SECRET)
                .build();
        return ClickPipePostRequest.of("My Azure Blob ClickPipe", ClickPipePostSource.objectStorage(azure),
                ClickPipeDestination.managedTable("my_table", mergeTree(), List.of(column("id", "UInt64"))));
    }

    static ClickPipePostRequest pubsub() {
        ClickPipePubSubSource pubsub = ClickPipePubSubSource.builder()
                .format("JSONEachRow").projectId("my-project").topic("my-topic").authentication("SERVICE_ACCOUNT")
                .seekType("timestamp").seekTimestamp("2025-03-01T12:00:00Z").ackDeadline(60)
                .serviceAccountKey(new ServiceAccount(SERVICE_ACCOUNT))
                .build();
        return ClickPipePostRequest.of("My Pub/Sub ClickPipe", ClickPipePostSource.pubsub(pubsub),
                ClickPipeDestination.managedTable("my_table", mergeTree(), List.of(column("data", "String"))));
    }

    static ClickPipePostRequest postgres() {
        ClickPipePostgresSource postgres = ClickPipePostgresSource.builder()
                .host("postgres.example.com").port(5432).database("mydb")
                .credentials(new PlainCredentials("postgres_user", SECRET))
                .settings(ClickPipePostgresPipeSettings.ofReplicationMode("cdc"))
                .tableMappings(List.of(ClickPipePostgresPipeTableMapping.of("public", "users", "public_users"),
                        ClickPipePostgresPipeTableMapping.of("public", "orders", "public_orders")))
                .build();
        return ClickPipePostRequest.of("My Postgres CDC ClickPipe", ClickPipePostSource.postgres(postgres),
                ClickPipeDestination.database("default"));
    }

    static ClickPipePostRequest mysql() {
        ClickPipeMySQLSource mysql = ClickPipeMySQLSource.builder()
                .host("mysql.example.com").port(3306).credentials(new PlainCredentials("mysql_user", SECRET))
                .settings(ClickPipeMySQLPipeSettings.ofReplicationMode("cdc"))
                .tableMappings(List.of(ClickPipeMySQLPipeTableMapping.of("mydb", "orders", "mydb_orders")))
                .build();
        return ClickPipePostRequest.of("My MySQL CDC ClickPipe", ClickPipePostSource.mysql(mysql),
                ClickPipeDestination.database("default"));
    }

    static ClickPipePostRequest mongodb() {
        ClickPipeMongoDBSource mongodb = ClickPipeMongoDBSource.builder()
                .uri("mongodb+srv://cluster0.example.mongodb.net").readPreference("secondaryPreferred")
                .credentials(new PlainCredentials("mongo_user", SECRET))
                .settings(ClickPipeMongoDBPipeSettings.ofReplicationMode("cdc"))
                .tableMappings(List.of(ClickPipeMongoDBPipeTableMapping.of("mydb", "users", "mydb_users")))
                .build();
        return ClickPipePostRequest.of("My MongoDB CDC ClickPipe", ClickPipePostSource.mongodb(mongodb),
                ClickPipeDestination.database("default"));
    }

    static ClickPipePostRequest bigquery() {
        ClickPipeBigQuerySource bigquery = new ClickPipeBigQuerySource("gs://my-staging-bucket/staging/",
                ClickPipeBigQueryPipeSettings.snapshot(),
                List.of(ClickPipeBigQueryPipeTableMapping.of("my_dataset", "my_table", "my_bigquery_table")),
                new ServiceAccount(SERVICE_ACCOUNT));
        return ClickPipePostRequest.of("My BigQuery ClickPipe", ClickPipePostSource.bigquery(bigquery),
                ClickPipeDestination.database("default"));
    }

    private static ClickPipeDestinationTableDefinition mergeTree() {
        return ClickPipeDestinationTableDefinition.of(ClickPipeDestinationTableEngine.of("MergeTree"));
    }

    private static ClickPipeDestinationColumn column(String name, String type) {
        return new ClickPipeDestinationColumn(name, type);
    }
}
