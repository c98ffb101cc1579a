package dev.pipedeck.cloud;

import static dev.pipedeck.cloud.CannedResults.ENDPOINT;
import static dev.pipedeck.cloud.CannedResults.ORG;
import static dev.pipedeck.cloud.CannedResults.PIPE;
import static dev.pipedeck.cloud.CannedResults.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import dev.pipedeck.cloud.clickpipe.AccessKey;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeCommand;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationColumn;
import dev.pipedeck.cloud.clickpipe.ClickPipeFieldMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchDestination;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchKafkaSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchKinesisSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchMongoDBPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchMongoDBSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchMySQLPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchMySQLSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchObjectStorageSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchPostgresPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchPostgresSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchPubSubSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeScalingPatchRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoveryRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoveryResponse;
import dev.pipedeck.cloud.clickpipe.ClickPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeState;
import dev.pipedeck.cloud.clickpipe.ClickPipesCdcScaling;
import dev.pipedeck.cloud.clickpipe.CreateReversePrivateEndpoint;
import dev.pipedeck.cloud.clickpipe.CustomPrivateDnsMapping;
import dev.pipedeck.cloud.clickpipe.KafkaCredentials;
import dev.pipedeck.cloud.clickpipe.PlainCredentials;
import dev.pipedeck.cloud.clickpipe.ReversePrivateEndpoint;
import dev.pipedeck.cloud.clickpipe.ServiceAccount;
import dev.pipedeck.cloud.clickpipe.UpdateReversePrivateEndpoint;
import reactor.core.publisher.Mono;

/** Every client operation, with the request it must send and the answer it must read. */
final class ClientScenarios {

    static final String ORG_PATH = "/v1/organizations/" + ORG;
    static final String SERVICE_PATH = ORG_PATH + "/services/" + SERVICE;
    static final String PIPES_PATH = SERVICE_PATH + "/clickpipes";
    static final String PIPE_PATH = PIPES_PATH + "/" + PIPE;
    static final String ENDPOINTS_PATH = SERVICE_PATH + "/clickpipesReversePrivateEndpoints";
    static final String ENDPOINT_PATH = ENDPOINTS_PATH + "/" + ENDPOINT;

    private ClientScenarios() {
    }

    static List<ClientScenario> all() {
        List<ClientScenario> all = new ArrayList<>();
        all.addAll(pipeReads());
        all.addAll(pipeCreates());
        all.addAll(pipePatches());
        all.addAll(pipeOtherChanges());
        all.addAll(reversePrivateEndpoints());
        all.addAll(organizationLevel());
        return all;
    }

    static List<ClientScenario> pipeReads() {
        return List.of(
                scenario("list pipes", "clickPipeGetList", "GET", PIPES_PATH, null,
                        "[" + CannedResults.KAFKA_PIPE + "," + CannedResults.POSTGRES_PIPE + "]",
                        (client, c) -> client.clickPipeGetList(c, SERVICE),
                        result -> {
                            List<ClickPipe> pipes = cast(result);
                            assertThat(pipes).extracting(ClickPipe::name)
                                    .containsExactly("My Kafka ClickPipe", "My Postgres CDC ClickPipe");
                            assertThat(pipes.get(0).source().kind()).isEqualTo("kafka");
                            assertThat(pipes.get(1).state()).isEqualTo(ClickPipeState.SNAPSHOT);
                            assertThat(pipes.get(1).state().isTransitional()).isTrue();
                            assertThat(pipes.get(1).source().postgres().tableMappings().get(0).tableEngine())
                                    .isEqualTo("ReplacingMergeTree");
                            assertThat(pipes.get(1).destination().database()).isEqualTo("default");
                        }),
                scenario("get a pipe", "clickPipeGet", "GET", PIPE_PATH, null, CannedResults.KAFKA_PIPE,
                        (client, c) -> client.clickPipeGet(c, SERVICE, PIPE),
                        result -> {
                            ClickPipe pipe = cast(result);
                            assertThat(pipe.id()).isEqualTo(PIPE);
                            assertThat(pipe.state()).isEqualTo(ClickPipeState.RUNNING);
                            assertThat(pipe.scaling().replicaMemoryGb()).isEqualTo(0.5);
                            ClickPipeKafkaSource kafka = pipe.source().kafka();
                            assertThat(kafka.type()).isEqualTo("confluent");
                            assertThat(kafka.offset().strategy()).isEqualTo("from_latest");
                            assertThat(kafka.credentials()).isNull();
                            assertThat(pipe.destination().tableDefinition().sortingKey()).containsExactly("id");
                            assertThat(pipe.destination().columns()).extracting(ClickPipeDestinationColumn::type)
                                    .containsExactly("UInt64", "String", "DateTime");
                            assertThat(pipe.fieldMappings()).hasSize(3);
                            assertThat(pipe.settings().get(ClickPipeSettings.STREAMING_MAX_INSERT_WAIT_MS))
                                    .isEqualTo(5000);
                            assertThat(pipe.createdAt()).isEqualTo(Instant.parse("2025-06-01T10:15:30Z"));
                        }),
                scenario("read pipe settings", "clickPipeSettingsGet", "GET", PIPE_PATH + "/settings", null,
                        CannedResults.SETTINGS,
                        (client, c) -> client.clickPipeSettingsGet(c, SERVICE, PIPE),
                        result -> {
                            ClickPipeSettings settings = cast(result);
                            assertThat(settings.values()).containsEntry("clickhouse_max_threads", 8)
                                    .containsEntry("streaming_max_insert_wait_ms", 5000)
                                    .containsEntry("object_storage_use_cluster_function", null);
                        }),
                scenario("read CDC scaling", "clickPipeCdcScalingGet", "GET", SERVICE_PATH + "/clickpipesCdcScaling",
                        null, CannedResults.CDC_SCALING,
                        (client, c) -> client.clickPipeCdcScalingGet(c, SERVICE),
                        result -> assertThat(result).isEqualTo(new ClickPipesCdcScaling(2000, 8.0))));
    }

    static List<ClientScenario> pipeCreates() {
        return List.of(
                create("create the reference page's Kafka pipe", ExampleBodies.kafkaFromReferencePage(),
                        ExampleBodies.KAFKA_FROM_REFERENCE_PAGE),
                create("create the reference page's Kinesis pipe", ExampleBodies.kinesisFromReferencePage(),
                        ExampleBodies.KINESIS_FROM_REFERENCE_PAGE),
                create("create an S3 pipe with mappings, scaling and settings", ExampleBodies.s3(), """
                        {"name":"My S3 ClickPipe",
                         "source":{"objectStorage":{"type":"s3","url":"https://my-bucket.s3.amazonaws.com/data/*.json",
                           "format":"JSONEachRow","compression":"gzip","isContinuous":true,"authentication":"IAM_USER",
                           "accessKey":{"accessKeyId":"AKIAIOSFODNN7EXAMPLE",
                                        "secretKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}}},
                         "destination":{"table":"my_table","managedTable":true,
                           "tableDefinition":{"engine":{"type":"MergeTree"}},
                           "columns":[{"name":"id","type":"UInt64"},{"name":"message","type":"String"}]},
                         "fieldMappings":[{"sourceField":"id","destinationField":"id"},
                                          {"sourceField":"message","destinationField":"message"}],
                         "scaling":{"replicas":1,"replicaCpuMillicores":500,"replicaMemoryGb":2.0},
                         "settings":{"object_storage_concurrency":4}}"""),
                create("create a GCS pipe", ExampleBodies.gcs(), """
                        {"name":"My GCS ClickPipe",
                         "source":{"objectStorage":{"type":"gcs","url":"gs://my-bucket/data/*.json","format":"JSONEachRow",
                           "authentication":"SERVICE_ACCOUNT","serviceAccountKey":"eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0="}},
                         "destination":{"table":"my_table","managedTable":true,
                           "tableDefinition":{"engine":{"type":"MergeTree"}},"columns":[{"name":"id","type":"UInt64"}]}}"""),
                create("create an Azure Blob Storage pipe", ExampleBodies.azureBlobStorage(), """
                        {"name":"My Azure Blob ClickPipe",
                         "source":{"objectStorage":{"type":"azureblobstorage","azureContainerName":"my-container",
                           "path":"data/*.json","format":"JSONEachRow","authentication":"CONNECTION_STRING",
                           "connectionString":"DefaultEndpointsProtocol=https;AccountName=myaccount;AccountKey=mykey;EndpointSuffix=core.windows.net"}},
                         "destination":{"table":"my_table","managedTable":true,
                           "tableDefinition":{"engine":{"type":"MergeTree"}},"columns":[{"name":"id","type":"UInt64"}]}}"""),
                create("create an MSK pipe with IAM user, offset and schema registry",
                        ExampleBodies.kafkaMskIamWithAvroRegistry(), """
                        {"name":"orders from MSK",
                         "source":{"kafka":{"type":"msk","format":"AvroConfluent",
                           "brokers":"b-1.msk.example.com:9096,b-2.msk.example.com:9096","topics":"orders",
                           "authentication":"IAM_USER",
                           "offset":{"strategy":"from_timestamp","timestamp":"2025-01-01T00:00"},
                           "schemaRegistry":{"url":"https://registry.example.com","authentication":"PLAIN",
                             "credentials":{"username":"registry_user","password":"registry_password"}},
                           "exactlyOnce":true,
                           "credentials":{"accessKeyId":"AKIAIOSFODNN7EXAMPLE",
                                          "secretKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}}},
                         "destination":{"table":"orders","managedTable":true,
                           "tableDefinition":{"engine":{"type":"ReplacingMergeTree","versionColumnId":"version"},
                             "sortingKey":["id"],"partitionBy":"toYYYYMM(created_at)","primaryKey":"id"},
                           "columns":[{"name":"id","type":"UInt64"},{"name":"version","type":"UInt64"},
                                      {"name":"created_at","type":"DateTime64(3)"}]},
                         "scaling":{"replicas":2,"replicaCpuMillicores":250,"replicaMemoryGb":1.0}}"""),
                create("create a Kafka pipe over mutual TLS and a reverse private endpoint",
                        ExampleBodies.kafkaMutualTls(), """
                        {"name":"events over mTLS",
                         "source":{"kafka":{"type":"kafka","format":"JSONEachRow","brokers":"kafka.internal:9093",
                           "topics":"events","authentication":"MUTUAL_TLS",
                           "offset":{"strategy":"from_beginning"},
                           "caCertificate":"-----BEGIN CERTIFICATE-----\\nMIIC\\n-----END CERTIFICATE-----",
                           "reversePrivateEndpointIds":["7b2e4d43-5f0f-4e39-9d6a-1c1f1c0a9e11"],
                           "credentials":{"certificate":"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----",
                                          "privateKey":"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----"}}},
                         "destination":{"table":"events","managedTable":false,"columns":[{"name":"payload","type":"String"}]}}"""),
                create("create a Pub/Sub pipe", ExampleBodies.pubsub(), """
                        {"name":"My Pub/Sub ClickPipe",
                         "source":{"pubsub":{"format":"JSONEachRow","projectId":"my-project","topic":"my-topic",
                           "authentication":"SERVICE_ACCOUNT","seekType":"timestamp",
                           "seekTimestamp":"2025-03-01T12:00:00Z","ackDeadline":60,
                           "serviceAccountKey":{"serviceAccountFile":"eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0="}}},
                         "destination":{"table":"my_table","managedTable":true,
                           "tableDefinition":{"engine":{"type":"MergeTree"}},"columns":[{"name":"data","type":"String"}]}}"""),
                create("create the reference page's Postgres CDC pipe", ExampleBodies.postgres(), """
                        {"name":"My Postgres CDC ClickPipe",
                         "source":{"postgres":{"host":"postgres.example.com","port":5432,"database":"mydb",
                           "credentials":{"username":"postgres_user","password":"my_password"},
                           "settings":{"replicationMode":"cdc"},
                           "tableMappings":[{"sourceSchemaName":"public","sourceTable":"users","targetTable":"public_users"}]}},
                         "destination":{"database":"default"}}"""),
                create("create the reference page's MySQL CDC pipe", ExampleBodies.mysql(), """
                        {"name":"My MySQL CDC ClickPipe",
                         "source":{"mysql":{"host":"mysql.example.com","port":3306,
                           "credentials":{"username":"mysql_user","password":"my_password"},
                           "settings":{"replicationMode":"cdc"},
                           "tableMappings":[{"sourceSchemaName":"mydb","sourceTable":"orders","targetTable":"mydb_orders"}]}},
                         "destination":{"database":"default"}}"""),
                create("create the reference page's MongoDB CDC pipe", ExampleBodies.mongodb(), """
                        {"name":"My MongoDB CDC ClickPipe",
                         "source":{"mongodb":{"uri":"mongodb+srv://cluster0.example.mongodb.net",
                           "readPreference":"secondaryPreferred",
                           "credentials":{"username":"mongo_user","password":"my_password"},
                           "settings":{"replicationMode":"cdc"},
                           "tableMappings":[{"sourceDatabaseName":"mydb","sourceCollection":"users","targetTable":"mydb_users"}]}},
                         "destination":{"database":"default"}}"""),
                create("create the reference page's BigQuery pipe", ExampleBodies.bigquery(), """
                        {"name":"My BigQuery ClickPipe",
                         "source":{"bigquery":{"snapshotStagingPath":"gs://my-staging-bucket/staging/",
                           "credentials":{"serviceAccountFile":"eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0="},
                           "settings":{"replicationMode":"snapshot"},
                           "tableMappings":[{"sourceDatasetName":"my_dataset","sourceTable":"my_table",
                                             "targetTable":"my_bigquery_table"}]}},
                         "destination":{"database":"default"}}"""));
    }

    static List<ClientScenario> pipePatches() {
        return List.of(
                patch("rename a pipe", ClickPipePatchRequest.rename("renamed pipe"), """
                        {"name":"renamed pipe"}"""),
                patch("rotate Kafka credentials and change columns, mappings and settings",
                        new ClickPipePatchRequest(null,
                                patchSource(new ClickPipePatchKafkaSource("SCRAM-SHA-512", null, null, null,
                                        KafkaCredentials.usernamePassword("my_user", "rotated_password")), null, null,
                                        null, null, null, null),
                                new ClickPipePatchDestination(List.of(new ClickPipeDestinationColumn("id", "UInt64"))),
                                List.of(new ClickPipeFieldMapping("key", "id")),
                                ClickPipeSettings.of(Map.of(ClickPipeSettings.STREAMING_MAX_INSERT_WAIT_MS, 1000))),
                        """
                        {"source":{"kafka":{"authentication":"SCRAM-SHA-512",
                           "credentials":{"username":"my_user","password":"rotated_password"}}},
                         "destination":{"columns":[{"name":"id","type":"UInt64"}]},
                         "fieldMappings":[{"sourceField":"key","destinationField":"id"}],
                         "settings":{"streaming_max_insert_wait_ms":1000}}"""),
                patch("switch an S3 pipe to a new access key",
                        new ClickPipePatchRequest(null, patchSource(null, ClickPipePatchObjectStorageSource.builder()
                                .authentication("IAM_USER")
                                .accessKey(new AccessKey("AKIAIOSFODNN7EXAMPLE", ExampleBodies.SECRET_KEY))
                                .build(), null, null, null, null, null), null, null, null),
                        """
                        {"source":{"objectStorage":{"authentication":"IAM_USER",
                           "accessKey":{"accessKeyId":"AKIAIOSFODNN7EXAMPLE",
                                        "secretKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}}}}"""),
                patch("move a Kinesis pipe to an IAM role",
                        new ClickPipePatchRequest(null, patchSource(null, null,
                                new ClickPipePatchKinesisSource("IAM_ROLE", "arn:aws:iam::123456789012:role/clickpipes",
                                        null), null, null, null, null), null, null, null),
                        """
                        {"source":{"kinesis":{"authentication":"IAM_ROLE",
                           "iamRole":"arn:aws:iam::123456789012:role/clickpipes"}}}"""),
                patch("rotate the Pub/Sub service account",
                        new ClickPipePatchRequest(null, patchSource(null, null, null,
                                new ClickPipePatchPubSubSource("SERVICE_ACCOUNT", 120, new ServiceAccount("bmV3IGtleQ==")),
                                null, null, null), null, null, null),
                        """
                        {"source":{"pubsub":{"authentication":"SERVICE_ACCOUNT","ackDeadline":120,
                           "serviceAccountKey":{"serviceAccountFile":"bmV3IGtleQ=="}}}}"""),
                patch("add and remove Postgres tables",
                        new ClickPipePatchRequest(null, patchSource(null, null, null, null,
                                ClickPipePatchPostgresSource.builder()
                                        .settings(new ClickPipePatchPostgresPipeSettings(30, null))
                                        .tableMappingsToAdd(List.of(ClickPipePostgresPipeTableMapping.of("public", "orders",
                                                "public_orders")))
                                        .tableMappingsToRemove(List.of(ClickPipePostgresPipeTableMapping.of("public",
                                                "users", "public_users")))
                                        .build(), null, null), null, null, null),
                        """
                        {"source":{"postgres":{"settings":{"syncIntervalSeconds":30},
                           "tableMappingsToAdd":[{"sourceSchemaName":"public","sourceTable":"orders","targetTable":"public_orders"}],
                           "tableMappingsToRemove":[{"sourceSchemaName":"public","sourceTable":"users","targetTable":"public_users"}]}}}"""),
                patch("change MySQL connection and add a table",
                        new ClickPipePatchRequest(null, patchSource(null, null, null, null, null,
                                ClickPipePatchMySQLSource.builder()
                                        .host("mysql-replica.example.com")
                                        .port(3306)
                                        .credentials(new PlainCredentials("mysql_user", "new_password"))
                                        .settings(new ClickPipePatchMySQLPipeSettings(null, 50000, true))
                                        .tableMappingsToAdd(List.of(ClickPipeMySQLPipeTableMapping.of("mydb", "items",
                                                "mydb_items")))
                                        .build(), null), null, null, null),
                        """
                        {"source":{"mysql":{"host":"mysql-replica.example.com","port":3306,
                           "credentials":{"username":"mysql_user","password":"new_password"},
                           "settings":{"pullBatchSize":50000,"useCompression":true},
                           "tableMappingsToAdd":[{"sourceSchemaName":"mydb","sourceTable":"items","targetTable":"mydb_items"}]}}}"""),
                patch("remove a MongoDB collection",
                        new ClickPipePatchRequest(null, patchSource(null, null, null, null, null, null,
                                ClickPipePatchMongoDBSource.builder()
                                        .uri("mongodb+srv://cluster0.example.mongodb.net")
                                        .readPreference("primary")
                                        .settings(new ClickPipePatchMongoDBPipeSettings(null, 1000))
                                        .tableMappingsToRemove(List.of(ClickPipeMongoDBPipeTableMapping.of("mydb", "users",
                                                "mydb_users")))
                                        .build()), null, null, null),
                        """
                        {"source":{"mongodb":{"uri":"mongodb+srv://cluster0.example.mongodb.net","readPreference":"primary",
                           "settings":{"pullBatchSize":1000},
                           "tableMappingsToRemove":[{"sourceDatabaseName":"mydb","sourceCollection":"users",
                                                     "targetTable":"mydb_users"}]}}}"""));
    }

    static List<ClientScenario> pipeOtherChanges() {
        Consumer<Object> isKafkaPipe = result -> assertThat(((ClickPipe) result).id()).isEqualTo(PIPE);
        return List.of(
                scenario("delete a pipe", "clickPipeDelete", "DELETE", PIPE_PATH, null, null,
                        (client, c) -> client.clickPipeDelete(c, SERVICE, PIPE),
                        result -> assertThat(result).isNull()),
                scenario("merge pipe settings", "clickPipeSettingsUpdate", "PUT", PIPE_PATH + "/settings", """
                        {"object_storage_concurrency":4,"object_storage_use_cluster_function":true}""",
                        """
                        {"object_storage_concurrency":4,"object_storage_use_cluster_function":true,
                         "object_storage_polling_interval_ms":30000}""",
                        (client, c) -> client.clickPipeSettingsUpdate(c, SERVICE, PIPE, ClickPipeSettings.of(
                                new java.util.LinkedHashMap<>(Map.of(ClickPipeSettings.OBJECT_STORAGE_CONCURRENCY, 4)))
                                .with(ClickPipeSettings.OBJECT_STORAGE_USE_CLUSTER_FUNCTION, true)),
                        result -> assertThat(((ClickPipeSettings) result).get("object_storage_polling_interval_ms"))
                                .isEqualTo(30000)),
                scenario("scale a pipe", "clickPipeScalingUpdate", "PATCH", PIPE_PATH + "/scaling", """
                        {"replicas":2,"replicaCpuMillicores":500,"replicaMemoryGb":2.0}""", CannedResults.KAFKA_PIPE,
                        (client, c) -> client.clickPipeScalingUpdate(c, SERVICE, PIPE,
                                ClickPipeScalingPatchRequest.of(2, 500, 2.0)),
                        isKafkaPipe),
                scenario("stop a pipe", "clickPipeStateUpdate", "PATCH", PIPE_PATH + "/state", """
                        {"command":"stop"}""", CannedResults.KAFKA_PIPE,
                        (client, c) -> client.clickPipeStateUpdate(c, SERVICE, PIPE, ClickPipeCommand.STOP), isKafkaPipe),
                scenario("start a pipe", "clickPipeStateUpdate", "PATCH", PIPE_PATH + "/state", """
                        {"command":"start"}""", CannedResults.KAFKA_PIPE,
                        (client, c) -> client.clickPipeStateUpdate(c, SERVICE, PIPE, ClickPipeCommand.START),
                        isKafkaPipe),
                scenario("resync a pipe", "clickPipeStateUpdate", "PATCH", PIPE_PATH + "/state", """
                        {"command":"resync"}""", CannedResults.POSTGRES_PIPE,
                        (client, c) -> client.clickPipeStateUpdate(c, SERVICE, PIPE, ClickPipeCommand.RESYNC),
                        result -> assertThat(((ClickPipe) result).source().kind()).isEqualTo("postgres")),
                scenario("scale CDC pipes to 4 cores", "clickPipeCdcScalingUpdate", "PATCH",
                        SERVICE_PATH + "/clickpipesCdcScaling", """
                        {"replicaCpuMillicores":4000,"replicaMemoryGb":16.0}""", """
                        {"replicaCpuMillicores":4000,"replicaMemoryGb":16}""",
                        (client, c) -> client.clickPipeCdcScalingUpdate(c, SERVICE, ClickPipesCdcScaling.ofCores(4)),
                        result -> assertThat(result).isEqualTo(ClickPipesCdcScaling.ofCores(4))),
                scenario("discover a Kafka topic's schema", "clickPipeSchemaDiscovery", "POST",
                        PIPES_PATH + "/schemaDiscovery", """
                        {"source":{"kafka":{"type":"confluent","format":"JSONEachRow","brokers":"broker.example.com:9092",
                           "topics":"my_topic","consumerGroup":"clickpipes-consumer-group","authentication":"PLAIN",
                           "credentials":{"username":"my_user","password":"my_password"}}}}""",
                        CannedResults.SCHEMA_DISCOVERY,
                        (client, c) -> client.clickPipeSchemaDiscovery(c, SERVICE, ClickPipeSchemaDiscoveryRequest.kafka(
                                ExampleBodies.kafkaFromReferencePage().source().kafka())),
                        result -> {
                            ClickPipeSchemaDiscoveryResponse discovered = cast(result);
                            assertThat(discovered.fields()).extracting(f -> f.name() + ":" + f.type() + ":" + f.optional())
                                    .containsExactly("id:UInt64:false", "message:Nullable(String):true");
                            assertThat(discovered.meta()).containsEntry("sampledMessages", "100");
                        }));
    }

    static List<ClientScenario> reversePrivateEndpoints() {
        Consumer<Object> isReadyEndpoint = result -> {
            ReversePrivateEndpoint endpoint = cast(result);
            assertThat(endpoint.id()).isEqualTo(ENDPOINT);
            assertThat(endpoint.status()).isEqualTo("Ready");
            assertThat(endpoint.privateDnsNames()).containsExactly("kafka.internal.example.com");
        };
        return List.of(
                scenario("list reverse private endpoints", "clickPipeReversePrivateEndpointGetList", "GET",
                        ENDPOINTS_PATH, null, "[" + CannedResults.ENDPOINT_READY + "]",
                        (client, c) -> client.clickPipeReversePrivateEndpointGetList(c, SERVICE),
                        result -> {
                            List<ReversePrivateEndpoint> endpoints = cast(result);
                            assertThat(endpoints).hasSize(1);
                            isReadyEndpoint.accept(endpoints.get(0));
                        }),
                scenario("create a VPC endpoint service endpoint", "clickPipeReversePrivateEndpointCreate", "POST",
                        ENDPOINTS_PATH, """
                        {"description":"kafka in prod VPC","type":"VPC_ENDPOINT_SERVICE",
                         "vpcEndpointServiceName":"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"}""",
                        CannedResults.ENDPOINT_READY,
                        (client, c) -> client.clickPipeReversePrivateEndpointCreate(c, SERVICE,
                                CreateReversePrivateEndpoint.vpcEndpointService("kafka in prod VPC",
                                        "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0")),
                        isReadyEndpoint),
                scenario("create an MSK multi-VPC endpoint", "clickPipeReversePrivateEndpointCreate", "POST",
                        ENDPOINTS_PATH, """
                        {"description":"msk","type":"MSK_MULTI_VPC",
                         "mskClusterArn":"arn:aws:kafka:us-east-1:123456789012:cluster/prod/abc","mskAuthentication":"SASL_IAM"}""",
                        CannedResults.ENDPOINT_READY,
                        (client, c) -> client.clickPipeReversePrivateEndpointCreate(c, SERVICE,
                                CreateReversePrivateEndpoint.mskMultiVpc("msk",
                                        "arn:aws:kafka:us-east-1:123456789012:cluster/prod/abc", "SASL_IAM")),
                        isReadyEndpoint),
                scenario("get a reverse private endpoint", "clickPipeReversePrivateEndpointGet", "GET", ENDPOINT_PATH,
                        null, CannedResults.ENDPOINT_READY,
                        (client, c) -> client.clickPipeReversePrivateEndpointGet(c, SERVICE, ENDPOINT), isReadyEndpoint),
                scenario("change private DNS names of an endpoint", "clickPipeReversePrivateEndpointUpdate", "PATCH",
                        ENDPOINT_PATH, """
                        {"customPrivateDnsMappings":[{"privateDnsName":"kafka.internal.example.com"}]}""",
                        CannedResults.ENDPOINT_READY,
                        (client, c) -> client.clickPipeReversePrivateEndpointUpdate(c, SERVICE, ENDPOINT,
                                new UpdateReversePrivateEndpoint(
                                        List.of(new CustomPrivateDnsMapping("kafka.internal.example.com")))),
                        isReadyEndpoint),
                scenario("delete a reverse private endpoint", "clickPipeReversePrivateEndpointDelete", "DELETE",
                        ENDPOINT_PATH, null, null,
                        (client, c) -> client.clickPipeReversePrivateEndpointDelete(c, SERVICE, ENDPOINT),
                        result -> assertThat(result).isNull()));
    }

    static List<ClientScenario> organizationLevel() {
        return List.of(
                scenario("get the organization", "organizationGet", "GET", ORG_PATH, null, CannedResults.ORGANIZATION,
                        (client, c) -> client.organizationGet(c),
                        result -> {
                            Organization organization = cast(result);
                            assertThat(organization.name()).isEqualTo("Acme Data");
                            assertThat(organization.privateEndpoints()).extracting(OrganizationPrivateEndpoint::region)
                                    .containsExactly("us-east-1");
                        }),
                scenario("list services", "instanceGetList", "GET", ORG_PATH + "/services", null,
                        "[" + CannedResults.SERVICE_IDLE + "]",
                        (client, c) -> client.instanceGetList(c),
                        result -> {
                            List<Service> services = cast(result);
                            assertThat(services).hasSize(1);
                            assertThat(services.get(0).isIdle()).isTrue();
                            assertThat(services.get(0).isPrimary()).isTrue();
                            assertThat(services.get(0).endpoints().get(0).port()).isEqualTo(8443);
                            assertThat(services.get(0).tags()).containsExactly(new ResourceTag("env", "prod"));
                        }),
                scenario("get a service", "instanceGet", "GET", SERVICE_PATH, null, CannedResults.SERVICE_IDLE,
                        (client, c) -> client.instanceGet(c, SERVICE),
                        result -> assertThat(((Service) result).state()).isEqualTo(Service.STATE_IDLE)),
                scenario("wake an idle service", "instanceStateUpdate", "PATCH", SERVICE_PATH + "/state", """
                        {"command":"start"}""", CannedResults.SERVICE_STARTING,
                        (client, c) -> client.instanceStateUpdate(c, SERVICE, ServiceCommand.START),
                        result -> assertThat(((Service) result).state()).isEqualTo("awaking")),
                scenario("list API keys", "openapiKeyGetList", "GET", ORG_PATH + "/keys", null,
                        "[" + CannedResults.API_KEY + "]",
                        (client, c) -> client.openapiKeyGetList(c),
                        result -> {
                            List<ApiKey> keys = cast(result);
                            assertThat(keys).singleElement().satisfies(key -> {
                                assertThat(key.keySuffix()).isEqualTo("x9Qz");
                                assertThat(key.expireAt()).isNull();
                                assertThat(key.roles()).containsExactly("admin");
                                assertThat(key.assignedRoles().get(0).roleType()).isEqualTo("system");
                                assertThat(key.usedAt()).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
                            });
                        }));
    }

    private static ClientScenario create(String name, ClickPipePostRequest body, String expectedJson) {
        return scenario(name, "clickPipeCreate", "POST", PIPES_PATH, expectedJson, CannedResults.KAFKA_PIPE,
                (client, c) -> client.clickPipeCreate(c, SERVICE, body),
                result -> assertThat(((ClickPipe) result).id()).isEqualTo(PIPE));
    }

    private static ClientScenario patch(String name, ClickPipePatchRequest body, String expectedJson) {
        return scenario(name, "clickPipeUpdate", "PATCH", PIPE_PATH, expectedJson, CannedResults.KAFKA_PIPE,
                (client, c) -> client.clickPipeUpdate(c, SERVICE, PIPE, body),
                result -> assertThat(((ClickPipe) result).name()).isEqualTo("My Kafka ClickPipe"));
    }

    private static ClickPipePatchSource patchSource(ClickPipePatchKafkaSource kafka,
            ClickPipePatchObjectStorageSource objectStorage, ClickPipePatchKinesisSource kinesis,
            ClickPipePatchPubSubSource pubsub, ClickPipePatchPostgresSource postgres, ClickPipePatchMySQLSource mysql,
            ClickPipePatchMongoDBSource mongodb) {
        return new ClickPipePatchSource(kafka, objectStorage, kinesis, pubsub, postgres, mysql, mongodb, null);
    }

    private static ClientScenario scenario(String name, String operationId, String method, String path,
            String requestJson, String resultJson, BiFunction<ClickHouseCloudClient, CloudConnection, Mono<?>> call,
            Consumer<Object> checkResult) {
        return new ClientScenario(name, operationId, method, path, requestJson, resultJson, call, checkResult);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object result) {
        return (T) result;
    }
}
