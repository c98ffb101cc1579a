package dev.pipedeck.cloud;

import java.util.List;

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

/** Realistic create bodies built from the typed records, most of them the reference page's examples. */
final class ExampleBodies {

    static final String SECRET_PASSWORD = "my_password";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private ExampleBodies() {
    }

    /** The reference page's Kafka example. */
    static ClickPipePostRequest kafkaFromReferencePage() {
        ClickPipeKafkaSource kafka = ClickPipeKafkaSource.builder()
                .type("confluent")
                .format("JSONEachRow")
                .brokers("broker.example.com:9092")
                .topics("my_topic")
                .consumerGroup("clickpipes-consumer-group")
                .authentication("PLAIN")
                .credentials(KafkaCredentials.usernamePassword("my_user", SECRET_PASSWORD))
                .build();
        return ClickPipePostRequest.of("My Kafka ClickPipe", ClickPipePostSource.kafka(kafka),
                ClickPipeDestination.managedTable("my_table", mergeTree(),
                        List.of(column("id", "UInt64"), column("message", "String"), column("timestamp", "DateTime"))));
    }

    static final String KAFKA_FROM_REFERENCE_PAGE = """
            {
              "name": "My Kafka ClickPipe",
              "source": {
                "kafka": {
                  "type": "confluent",
                  "format": "JSONEachRow",
                  "brokers": "broker.example.com:9092",
                  "topics": "my_topic",
                  "consumerGroup": "clickpipes-consumer-group",
                  "authentication": "PLAIN",
                  "credentials": {
                    "username": "my_user",
                    "password": "my_password"
                  }
                }
              },
              "destination": {
                "table": "my_table",
                "managedTable": true,
                "tableDefinition": {
                  "engine": { "type": "MergeTree" }
                },
                "columns": [
                  { "name": "id", "type": "UInt64" },
                  { "name": "message", "type": "String" },
                  { "name": "timestamp", "type": "DateTime" }
                ]
              }
            }""";

    /** The reference page's Kinesis example. */
    static ClickPipePostRequest kinesisFromReferencePage() {
        ClickPipeKinesisSource kinesis = ClickPipeKinesisSource.builder()
                .format("JSONEachRow")
                .streamName("my-stream")
                .region("us-east-1")
                .iteratorType("TRIM_HORIZON")
                .authentication("IAM_USER")
                .accessKey(new AccessKey("AKIAIOSFODNN7EXAMPLE", "<secret_key>"))
                .build();
        return ClickPipePostRequest.of("My Kinesis ClickPipe", ClickPipePostSource.kinesis(kinesis),
                ClickPipeDestination.managedTable("my_table", mergeTree(),
                        List.of(column("id", "UInt64"), column("message", "String"))));
    }

    static final String KINESIS_FROM_REFERENCE_PAGE = """
            {
              "name": "My Kinesis ClickPipe",
              "source": {
                "kinesis": {
                  "format": "JSONEachRow",
                  "streamName": "my-stream",
                  "region": "us-east-1",
                  "iteratorType": "TRIM_HORIZON",
                  "authentication": "IAM_USER",
                  "accessKey": {
                    "accessKeyId": "AKIAIOSFODNN7EXAMPLE",
                    "secretKey": "<secret_key>"
                  }
                }
              },
              "destination": {
                "table": "my_table",
                "managedTable": true,
                "tableDefinition": {
                  "engine": { "type": "MergeTree" }
                },
                "columns": [
                  { "name": "id", "type": "UInt64" },
                  { "name": "message", "type": "String" }
                ]
              }
            }""";

    /** The reference page's S3 example, continuous, with scaling and settings added. */
    static ClickPipePostRequest s3() {
        ClickPipeObjectStorageSource s3 = ClickPipeObjectStorageSource.builder()
                .type("s3")
                .url("https://my-bucket.s3.amazonaws.com/data/*.json")
                .format("JSONEachRow")
                .compression("gzip")
                .isContinuous(true)
                .authentication("IAM_USER")
                .accessKey(new AccessKey("AKIAIOSFODNN7EXAMPLE", SECRET_KEY))
                .build();
        return new ClickPipePostRequest("My S3 ClickPipe", ClickPipePostSource.objectStorage(s3),
                ClickPipeDestination.managedTable("my_table", mergeTree(),
                        List.of(column("id", "UInt64"), column("message", "String"))),
                List.of(new ClickPipeFieldMapping("id", "id"), new ClickPipeFieldMapping("message", "message")),
                new ClickPipeScaling(1, null, 500, 2.0),
                ClickPipeSettings.of(java.util.Map.of(ClickPipeSettings.OBJECT_STORAGE_CONCURRENCY, 4)));
    }

    static ClickPipePostRequest gcs() {
        ClickPipeObjectStorageSource gcs = ClickPipeObjectStorageSource.builder()
                .type("gcs")
                .url("gs://my-bucket/data/*.json")
                .format("JSONEachRow")
                .authentication("SERVICE_ACCOUNT")
                .serviceAccountKey("eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0=")
                .build();
        return ClickPipePostRequest.of("My GCS ClickPipe", ClickPipePostSource.objectStorage(gcs),
                ClickPipeDestination.managedTable("my_table", mergeTree(), List.of(column("id", "UInt64"))));
    }

    static ClickPipePostRequest azureBlobStorage() {
        ClickPipeObjectStorageSource azure = ClickPipeObjectStorageSource.builder()
                .type("azureblobstorage")
                .azureContainerName("my-container")
                .path("data/*.json")
                .format("JSONEachRow")
                .authentication("CONNECTION_STRING")
                .connectionString("DefaultEndpointsProtocol=https;AccountName=myaccount;AccountKey=mykey;"
                        + "EndpointSuffix=core.windows.net")
                .build();
        return ClickPipePostRequest.of("My Azure Blob ClickPipe", ClickPipePostSource.objectStorage(azure),
                ClickPipeDestination.managedTable("my_table", mergeTree(), List.of(column("id", "UInt64"))));
    }

    static ClickPipePostRequest kafkaMskIamWithAvroRegistry() {
        ClickPipeKafkaSource kafka = ClickPipeKafkaSource.builder()
                .type("msk")
                .format("AvroConfluent")
                .brokers("b-1.msk.example.com:9096,b-2.msk.example.com:9096")
                .topics("orders")
                .authentication("IAM_USER")
                .credentials(KafkaCredentials.accessKey("AKIAIOSFODNN7EXAMPLE", SECRET_KEY))
                .offset(ClickPipeKafkaOffset.fromTimestamp("2025-01-01T00:00"))
                .schemaRegistry(new ClickPipeKafkaSchemaRegistry("https://registry.example.com", "PLAIN", null,
                        new PlainCredentials("registry_user", "registry_password")))
                .exactlyOnce(true)
                .build();
        ClickPipeDestinationTableDefinition table = new ClickPipeDestinationTableDefinition(
                new ClickPipeDestinationTableEngine("ReplacingMergeTree", "version", null), List.of("id"),
                "toYYYYMM(created_at)", "id");
        return new ClickPipePostRequest("orders from MSK", ClickPipePostSource.kafka(kafka),
                ClickPipeDestination.managedTable("orders", table,
                        List.of(column("id", "UInt64"), column("version", "UInt64"),
                                column("created_at", "DateTime64(3)"))),
                null, new ClickPipeScaling(2, null, 250, 1.0), null);
    }

    static ClickPipePostRequest kafkaMutualTls() {
        ClickPipeKafkaSource kafka = ClickPipeKafkaSource.builder()
                .type("kafka")
                .format("JSONEachRow")
                .brokers("kafka.internal:9093")
                .topics("events")
                .authentication("MUTUAL_TLS")
                .credentials(KafkaCredentials.mutualTls("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
                        "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"))
                .caCertificate("-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----")
                .reversePrivateEndpointIds(List.of("7b2e4d43-5f0f-4e39-9d6a-1c1f1c0a9e11"))
                .offset(ClickPipeKafkaOffset.fromBeginning())
                .build();
        return ClickPipePostRequest.of("events over mTLS", ClickPipePostSource.kafka(kafka),
                new ClickPipeDestination(null, "events", false, null, List.of(column("payload", "String")), null));
    }

    static ClickPipePostRequest pubsub() {
        ClickPipePubSubSource pubsub = ClickPipePubSubSource.builder()
                .format("JSONEachRow")
                .projectId("my-project")
                .topic("my-topic")
                .authentication("SERVICE_ACCOUNT")
                .seekType("timestamp")
                .seekTimestamp("2025-03-01T12:00:00Z")
                .ackDeadline(60)
                .serviceAccountKey(new ServiceAccount("eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0="))
                .build();
        return ClickPipePostRequest.of("My Pub/Sub ClickPipe", ClickPipePostSource.pubsub(pubsub),
                ClickPipeDestination.managedTable("my_table", mergeTree(), List.of(column("data", "String"))));
    }

    /** The reference page's Postgres example. */
    static ClickPipePostRequest postgres() {
        ClickPipePostgresSource postgres = ClickPipePostgresSource.builder()
                .host("postgres.example.com")
                .port(5432)
                .database("mydb")
                .credentials(new PlainCredentials("postgres_user", SECRET_PASSWORD))
                .settings(ClickPipePostgresPipeSettings.ofReplicationMode("cdc"))
                .tableMappings(List.of(ClickPipePostgresPipeTableMapping.of("public", "users", "public_users")))
                .build();
        return ClickPipePostRequest.of("My Postgres CDC ClickPipe", ClickPipePostSource.postgres(postgres),
                ClickPipeDestination.database("default"));
    }

    /** The reference page's MySQL example. */
    static ClickPipePostRequest mysql() {
        ClickPipeMySQLSource mysql = ClickPipeMySQLSource.builder()
                .host("mysql.example.com")
                .port(3306)
                .credentials(new PlainCredentials("mysql_user", SECRET_PASSWORD))
                .settings(ClickPipeMySQLPipeSettings.ofReplicationMode("cdc"))
                .tableMappings(List.of(ClickPipeMySQLPipeTableMapping.of("mydb", "orders", "mydb_orders")))
                .build();
        return ClickPipePostRequest.of("My MySQL CDC ClickPipe", ClickPipePostSource.mysql(mysql),
                ClickPipeDestination.database("default"));
    }

    /** The reference page's MongoDB example. */
    static ClickPipePostRequest mongodb() {
        ClickPipeMongoDBSource mongodb = ClickPipeMongoDBSource.builder()
                .uri("mongodb+srv://cluster0.example.mongodb.net")
                .readPreference("secondaryPreferred")
                .credentials(new PlainCredentials("mongo_user", SECRET_PASSWORD))
                .settings(ClickPipeMongoDBPipeSettings.ofReplicationMode("cdc"))
                .tableMappings(List.of(ClickPipeMongoDBPipeTableMapping.of("mydb", "users", "mydb_users")))
                .build();
        return ClickPipePostRequest.of("My MongoDB CDC ClickPipe", ClickPipePostSource.mongodb(mongodb),
                ClickPipeDestination.database("default"));
    }

    /** The reference page's BigQuery example. */
    static ClickPipePostRequest bigquery() {
        ClickPipeBigQuerySource bigquery = new ClickPipeBigQuerySource("gs://my-staging-bucket/staging/",
                ClickPipeBigQueryPipeSettings.snapshot(),
                List.of(ClickPipeBigQueryPipeTableMapping.of("my_dataset", "my_table", "my_bigquery_table")),
                new ServiceAccount("eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0="));
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
