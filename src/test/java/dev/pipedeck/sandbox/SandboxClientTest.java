package dev.pipedeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.pipedeck.cloud.ApiKey;
import dev.pipedeck.cloud.CloudApiException;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.CloudNotFoundException;
import dev.pipedeck.cloud.CloudUnauthorizedException;
import dev.pipedeck.cloud.Organization;
import dev.pipedeck.cloud.RawCloudResponse;
import dev.pipedeck.cloud.Service;
import dev.pipedeck.cloud.ServiceCommand;
import dev.pipedeck.cloud.ServiceIdleException;
import dev.pipedeck.cloud.clickpipe.AccessKey;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeCommand;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestination;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationColumn;
import dev.pipedeck.cloud.clickpipe.ClickPipeFieldMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeKinesisSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBPipeTableMapping;
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
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeScaling;
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

/**
 * Every operation of the typed cloud client, against the sandbox over HTTP with a key the sandbox issued: reads,
 * creates of every source kind, changes, state commands with their timed transitions, scaling, settings, schema
 * discovery, reverse private endpoints, the idle service, and the errors the real API answers.
 */
class SandboxClientTest extends SandboxServerTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Autowired
    JdbcTemplate jdbc;

    // ---- organization, services, keys ----

    @Test
    void theOrganizationHasTwoRunningServices() {
        Organization organization = call(client.organizationGet(connection));
        assertThat(organization.id()).isEqualTo(access.organizationId());
        assertThat(organization.name()).isEqualTo("Sandbox organization");

        List<Service> services = call(client.instanceGetList(connection));
        assertThat(services).extracting(Service::name).containsExactly("analytics-prod", "staging");
        assertThat(services).extracting(Service::state).containsOnly("running");

        Service staging = call(client.instanceGet(connection, STAGING));
        assertThat(staging.name()).isEqualTo("staging");
        assertThat(staging.idleScaling()).isTrue();
        assertThat(call(client.instanceStateUpdate(connection, STAGING, ServiceCommand.START)).state())
                .as("starting a running service changes nothing").isEqualTo("running");
    }

    @Test
    void theKeyListShowsIssuedKeysWithoutTheirSecrets() {
        call(client.organizationGet(connection));
        List<ApiKey> keys = call(client.openapiKeyGetList(connection));

        String suffix = connection.keyId().substring(connection.keyId().length() - 4);
        assertThat(keys).anySatisfy(key -> {
            assertThat(key.keySuffix()).isEqualTo(suffix);
            assertThat(key.id()).matches(UUID);
            assertThat(key.name()).isEqualTo("sandbox test");
            assertThat(key.state()).isEqualTo("enabled");
            assertThat(key.roles()).containsExactly("admin");
            assertThat(key.assignedRoles()).singleElement().satisfies(role -> {
                assertThat(role.roleName()).isEqualTo("Admin");
                assertThat(role.roleType()).isEqualTo("system");
            });
            assertThat(key.expireAt()).isAfter(clock.instant());
            assertThat(key.usedAt()).isNotNull();
        });
        assertThat(keys).anySatisfy(key -> assertThat(key.roles()).containsExactly("developer"));
        RawCloudResponse raw = call(client.exchangeRaw(connection, HttpMethod.GET,
                "/organizations/" + access.organizationId() + "/keys", null));
        assertThat(raw.bodyText()).doesNotContain(connection.keySecret());
    }

    @Test
    void onlyAHashOfEachSecretIsStored() {
        Map<String, Object> row = jdbc.queryForMap("select * from sandbox_key where key_id = ?", connection.keyId());

        assertThat((String) row.get("secret_hash")).startsWith("{sha256}").hasSize(8 + 64)
                .doesNotContain(connection.keySecret());
    }

    @Test
    void aWrongOrMissingKeyIsRefusedWith401() {
        CloudConnection wrongSecret = new CloudConnection(connection.baseUrl(), connection.organizationId(),
                connection.keyId(), connection.keySecret() + "x");
        CloudConnection unknownKey = new CloudConnection(connection.baseUrl(), connection.organizationId(),
                "NotAKeyTheSandboxIssued", connection.keySecret());

        assertThat(failure(CloudUnauthorizedException.class, client.organizationGet(wrongSecret)).code())
                .isEqualTo("UNAUTHORIZED");
        failure(CloudUnauthorizedException.class, client.instanceGetList(unknownKey));
    }

    @Test
    void keysExpireAfterAYear() {
        clock.advance(SandboxKeys.LIFETIME.plusSeconds(1));

        failure(CloudUnauthorizedException.class, client.organizationGet(connection));
    }

    @Test
    void anotherOrganizationIsForbidden() {
        CloudConnection elsewhere = new CloudConnection(connection.baseUrl(), "11111111-2222-4333-8444-555555555555",
                connection.keyId(), connection.keySecret());

        CloudApiException error = failure(CloudApiException.class, client.instanceGetList(elsewhere));
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.code()).isEqualTo("FORBIDDEN");
    }

    // ---- pipes of every kind ----

    @TestFactory
    Stream<DynamicTest> pipesOfEveryKindAreCreatedReadListedAndDeleted() {
        return SandboxBodies.everyKind().entrySet().stream().map(example -> dynamicTest(example.getKey(), () -> {
            ClickPipePostRequest body = example.getValue();
            ClickPipe created = call(client.clickPipeCreate(connection, PRODUCTION, body));

            assertThat(created.id()).matches(UUID);
            assertThat(created.serviceId()).isEqualTo(PRODUCTION);
            assertThat(created.name()).isEqualTo(body.name());
            assertThat(created.source().kind()).isEqualTo(body.source().kind());
            boolean database = List.of("postgres", "mysql", "mongodb", "bigquery").contains(body.source().kind());
            assertThat(created.state()).isEqualTo(database ? ClickPipeState.SETUP : ClickPipeState.PROVISIONING);
            assertThat(created.createdAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS));
            assertThat(created.destination().database()).isNotBlank();

            assertThat(call(client.clickPipeGet(connection, PRODUCTION, created.id()))).isEqualTo(created);
            assertThat(call(client.clickPipeGetList(connection, PRODUCTION))).extracting(ClickPipe::id)
                    .contains(created.id());
            String raw = call(client.exchangeRaw(connection, HttpMethod.GET,
                    "/organizations/" + access.organizationId() + "/services/" + PRODUCTION + "/clickpipes/"
                            + created.id(), null)).bodyText();
            assertThat(raw).as("secrets never come back").doesNotContain(SandboxBodies.SECRET)
                    .doesNotContain(SandboxBodies.SERVICE_ACCOUNT);

            call(client.clickPipeDelete(connection, PRODUCTION, created.id()));
            failure(CloudNotFoundException.class, client.clickPipeGet(connection, PRODUCTION, created.id()));
        }));
    }

    @Test
    void theExamplePipesAreThereInTellingStates() {
        List<ClickPipe> production = call(client.clickPipeGetList(connection, PRODUCTION));

        assertThat(production).extracting(pipe -> pipe.source().kind() + ":" + pipe.state().wireName())
                .contains("kafka:Running", "kinesis:Stopped", "objectStorage:Running", "postgres:Running",
                        "mysql:Paused", "mongodb:Failed", "pubsub:Provisioning", "objectStorage:Completed",
                        "bigquery:Completed");
        assertThat(production).filteredOn(pipe -> pipe.source().postgres() != null).singleElement()
                .satisfies(pipe -> assertThat(pipe.source().postgres().tableMappings()).hasSize(3));
        assertThat(call(client.clickPipeGetList(connection, STAGING))).hasSize(2);
    }

    // ---- timed state transitions ----

    @Test
    void aStreamingPipeProvisionsRunsStopsAndStartsAgain() {
        ClickPipe pipe = call(client.clickPipeCreate(connection, PRODUCTION, SandboxBodies.kafkaConfluent()));
        assertThat(pipe.state()).isEqualTo(ClickPipeState.PROVISIONING);
        assertThat(state(pipe)).as("not before the delay").isEqualTo(ClickPipeState.PROVISIONING);

        clock.advance(DELAY);
        ClickPipe running = call(client.clickPipeGet(connection, PRODUCTION, pipe.id()));
        assertThat(running.state()).isEqualTo(ClickPipeState.RUNNING);
        assertThat(running.updatedAt()).as("the transition is a change").isEqualTo(pipe.createdAt().plus(DELAY));
        assertThat(badRequest(command(pipe, ClickPipeCommand.START), "command").message())
                .contains("only allowed from Stopped or Failed", "current state: Running");

        assertThat(call(command(pipe, ClickPipeCommand.STOP)).state()).isEqualTo(ClickPipeState.STOPPING);
        clock.advance(DELAY);
        assertThat(state(pipe)).isEqualTo(ClickPipeState.STOPPED);

        assertThat(call(command(pipe, ClickPipeCommand.START)).state()).isEqualTo(ClickPipeState.PROVISIONING);
        clock.advance(DELAY);
        assertThat(state(pipe)).isEqualTo(ClickPipeState.RUNNING);
        assertThat(badRequest(command(pipe, ClickPipeCommand.RESYNC), "command").message())
                .contains("only for Postgres and MySQL");
    }

    @Test
    void aDatabasePipeSetsUpSnapshotsRunsPausesAndResyncs() {
        ClickPipe pipe = call(client.clickPipeCreate(connection, PRODUCTION, SandboxBodies.postgres()));
        assertThat(pipe.state()).isEqualTo(ClickPipeState.SETUP);
        clock.advance(DELAY);
        assertThat(state(pipe)).isEqualTo(ClickPipeState.SNAPSHOT);
        clock.advance(DELAY);
        assertThat(state(pipe)).isEqualTo(ClickPipeState.RUNNING);

        assertThat(call(command(pipe, ClickPipeCommand.STOP)).state()).isEqualTo(ClickPipeState.PAUSING);
        clock.advance(DELAY);
        assertThat(state(pipe)).isEqualTo(ClickPipeState.PAUSED);
        assertThat(call(command(pipe, ClickPipeCommand.START)).state()).isEqualTo(ClickPipeState.RUNNING);

        assertThat(call(command(pipe, ClickPipeCommand.RESYNC)).state()).isEqualTo(ClickPipeState.RESYNC);
        clock.advance(DELAY);
        assertThat(state(pipe)).isEqualTo(ClickPipeState.RUNNING);

        ClickPipe mysql = call(client.clickPipeCreate(connection, PRODUCTION, SandboxBodies.mysql()));
        assertThat(call(command(mysql, ClickPipeCommand.RESYNC)).state()).isEqualTo(ClickPipeState.RESYNC);
    }

    @Test
    void mongoDbPipesCannotBeResynced() {
        ClickPipe pipe = call(client.clickPipeCreate(connection, PRODUCTION, SandboxBodies.mongodb()));

        assertThat(badRequest(command(pipe, ClickPipeCommand.RESYNC), "command").message())
                .contains("resync is only for Postgres and MySQL pipes", "mongodb");
        assertThat(state(pipe)).isEqualTo(ClickPipeState.SETUP);
    }

    @Test
    void aChangeGoesThroughModifyingBackToWhereThePipeWasHeaded() {
        ClickPipe pipe = call(client.clickPipeCreate(connection, PRODUCTION, SandboxBodies.kafkaConfluent()));
        clock.advance(DELAY);

        ClickPipe renamed = call(client.clickPipeUpdate(connection, PRODUCTION, pipe.id(),
                ClickPipePatchRequest.rename("renamed pipe")));
        assertThat(renamed.name()).isEqualTo("renamed pipe");
        assertThat(renamed.state()).isEqualTo(ClickPipeState.MODIFYING);
        assertThat(renamed.updatedAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        clock.advance(DELAY);
        assertThat(state(pipe)).isEqualTo(ClickPipeState.RUNNING);

        call(command(pipe, ClickPipeCommand.STOP));
        clock.advance(DELAY);
        call(client.clickPipeUpdate(connection, PRODUCTION, pipe.id(), ClickPipePatchRequest.rename("stopped pipe")));
        clock.advance(DELAY);
        assertThat(state(pipe)).isEqualTo(ClickPipeState.STOPPED);
    }

    // ---- changes ----

    @Test
    void everyKindThatCanBeChangedAcceptsItsChange() {
        Map<ClickPipePostRequest, ClickPipePatchSource> changes = Map.of(
                SandboxBodies.kafkaConfluent(), patch(new ClickPipePatchKafkaSource("PLAIN", null, null, null,
                        KafkaCredentials.usernamePassword("rotated_user", SandboxBodies.SECRET)), null, null, null,
                        null, null, null),
                SandboxBodies.s3(), patch(null, ClickPipePatchObjectStorageSource.builder().authentication("IAM_USER")
                        .accessKey(new AccessKey("AKIAIOSFODNN7EXAMPLE", SandboxBodies.SECRET)).build(), null, null,
                        null, null, null),
                SandboxBodies.kinesis(), patch(null, null, new ClickPipePatchKinesisSource("IAM_ROLE",
                        "arn:aws:iam::123456789012:role/clickpipes", null), null, null, null, null),
                SandboxBodies.pubsub(), patch(null, null, null, new ClickPipePatchPubSubSource("SERVICE_ACCOUNT", 120,
                        new ServiceAccount("bmV3IGtleQ==")), null, null, null),
                SandboxBodies.postgres(), patch(null, null, null, null, ClickPipePatchPostgresSource.builder()
                        .settings(new ClickPipePatchPostgresPipeSettings(30, null)).build(), null, null),
                SandboxBodies.mysql(), patch(null, null, null, null, null, ClickPipePatchMySQLSource.builder()
                        .host("mysql-replica.example.com").port(3306)
                        .credentials(new PlainCredentials("mysql_user", SandboxBodies.SECRET))
                        .settings(new ClickPipePatchMySQLPipeSettings(null, 50000, true)).build(), null),
                SandboxBodies.mongodb(), patch(null, null, null, null, null, null, ClickPipePatchMongoDBSource.builder()
                        .uri("mongodb+srv://cluster1.example.mongodb.net").readPreference("primary")
                        .settings(new ClickPipePatchMongoDBPipeSettings(null, 1000)).build()));
        changes.forEach((body, source) -> {
            ClickPipe pipe = call(client.clickPipeCreate(connection, PRODUCTION, body));
            ClickPipe changed = call(client.clickPipeUpdate(connection, PRODUCTION, pipe.id(),
                    new ClickPipePatchRequest(null, source, null, null, null)));
            assertThat(changed.state()).as(body.name()).isEqualTo(ClickPipeState.MODIFYING);
        });
        ClickPipe mysql = call(client.clickPipeGetList(connection, PRODUCTION)).stream()
                .filter(pipe -> pipe.name().equals("My MySQL CDC ClickPipe")).findFirst().orElseThrow();
        assertThat(mysql.source().mysql().host()).isEqualTo("mysql-replica.example.com");
        assertThat(mysql.source().mysql().settings().pullBatchSize()).isEqualTo(50000);
        assertThat(mysql.source().mysql().credentials()).as("never stored").isNull();
    }

    @Test
    void columnsFieldMappingsAndSettingsChangeTogether() {
        ClickPipe pipe = call(client.clickPipeCreate(connection, PRODUCTION, SandboxBodies.kafkaConfluent()));
        List<ClickPipeDestinationColumn> columns = List.of(new ClickPipeDestinationColumn("id", "UInt64"),
                new ClickPipeDestinationColumn("body", "String"));
        List<ClickPipeFieldMapping> mappings = List.of(new ClickPipeFieldMapping("id", "id"),
                new ClickPipeFieldMapping("message", "body"));

        ClickPipe changed = call(client.clickPipeUpdate(connection, PRODUCTION, pipe.id(), new ClickPipePatchRequest(
                null, null, new ClickPipePatchDestination(columns), mappings,
                ClickPipeSettings.of(Map.of(ClickPipeSettings.STREAMING_MAX_INSERT_WAIT_MS, 1000)))));

        assertThat(changed.destination().columns()).isEqualTo(columns);
        assertThat(changed.fieldMappings()).isEqualTo(mappings);
        assertThat(changed.settings().get(ClickPipeSettings.STREAMING_MAX_INSERT_WAIT_MS)).isEqualTo(1000);
        badRequest(client.clickPipeUpdate(connection, PRODUCTION, pipe.id(), new ClickPipePatchRequest(null, null,
                null, List.of(new ClickPipeFieldMapping("x", "no_such_column")), null)), "fieldMappings[0].destinationField");
    }

    @Test
    void tableMappingsChangeOnlyWhileThePipeIsPaused() {
        ClickPipe pipe = call(client.clickPipeCreate(connection, PRODUCTION, SandboxBodies.postgres()));
        clock.advance(DELAY.multipliedBy(2));
        ClickPipePatchRequest addAndRemove = new ClickPipePatchRequest(null, patch(null, null, null, null,
                ClickPipePatchPostgresSource.builder()
                        .tableMappingsToAdd(List.of(ClickPipePostgresPipeTableMapping.of("public", "items",
                                "public_items")))
                        .tableMappingsToRemove(List.of(ClickPipePostgresPipeTableMapping.of("public", "users",
                                "public_users")))
                        .build(), null, null), null, null, null);

        assertThat(badRequest(client.clickPipeUpdate(connection, PRODUCTION, pipe.id(), addAndRemove),
                "source.postgres.tableMappingsToAdd").message()).contains("only while the pipe is paused",
                "current state: Running");

        call(command(pipe, ClickPipeCommand.STOP));
        clock.advance(DELAY);
        ClickPipe changed = call(client.clickPipeUpdate(connection, PRODUCTION, pipe.id(), addAndRemove));
        assertThat(changed.state()).isEqualTo(ClickPipeState.MODIFYING);
        assertThat(changed.source().postgres().tableMappings()).extracting(ClickPipePostgresPipeTableMapping::targetTable)
                .containsExactly("public_orders", "public_items");
        clock.advance(DELAY);
        assertThat(state(pipe)).isEqualTo(ClickPipeState.PAUSED);

        badRequest(client.clickPipeUpdate(connection, PRODUCTION, pipe.id(), addAndRemove),
                "source.postgres.tableMappingsToRemove[0]");
    }

    @Test
    void bigQueryPipesCannotBeChanged() {
        ClickPipe pipe = call(client.clickPipeCreate(connection, PRODUCTION, SandboxBodies.bigquery()));

        CloudApiException error = failure(CloudApiException.class, client.clickPipeUpdate(connection, PRODUCTION,
                pipe.id(), ClickPipePatchRequest.rename("new name")));
        assertThat(error.code()).isEqualTo("BAD_REQUEST");
        assertThat(error.message()).contains("BigQuery pipes cannot be changed");
    }

    @Test
    void settingsMergeAndScalingStaysInItsRanges() {
        ClickPipe pipe = call(client.clickPipeCreate(connection, PRODUCTION, SandboxBodies.s3()));
        assertThat(call(client.clickPipeSettingsGet(connection, PRODUCTION, pipe.id())).values())
                .containsExactly(Map.entry(ClickPipeSettings.OBJECT_STORAGE_CONCURRENCY, 4));

        ClickPipeSettings merged = call(client.clickPipeSettingsUpdate(connection, PRODUCTION, pipe.id(),
                ClickPipeSettings.of(Map.of(ClickPipeSettings.OBJECT_STORAGE_USE_CLUSTER_FUNCTION, true))));
        assertThat(merged.values()).containsEntry(ClickPipeSettings.OBJECT_STORAGE_CONCURRENCY, 4)
                .containsEntry(ClickPipeSettings.OBJECT_STORAGE_USE_CLUSTER_FUNCTION, true);
        assertThat(badRequest(client.clickPipeSettingsUpdate(connection, PRODUCTION, pipe.id(),
                ClickPipeSettings.of(Map.of(ClickPipeSettings.OBJECT_STORAGE_CONCURRENCY, 36))),
                "object_storage_concurrency").message()).contains("between 1 and 35");
        badRequest(client.clickPipeSettingsUpdate(connection, PRODUCTION, pipe.id(),
                ClickPipeSettings.of(Map.of("not_a_setting", 1))), "not_a_setting");

        ClickPipe scaled = call(client.clickPipeScalingUpdate(connection, PRODUCTION, pipe.id(),
                ClickPipeScalingPatchRequest.of(3, 1000, 4.0)));
        assertThat(scaled.scaling()).isEqualTo(new ClickPipeScaling(3, null, 1000, 4.0));
        badRequest(client.clickPipeScalingUpdate(connection, PRODUCTION, pipe.id(),
                ClickPipeScalingPatchRequest.of(41, 1000, 4.0)), "replicas");
        badRequest(client.clickPipeScalingUpdate(connection, PRODUCTION, pipe.id(),
                ClickPipeScalingPatchRequest.of(1, 2500, 4.0)), "replicaCpuMillicores");
        badRequest(client.clickPipeScalingUpdate(connection, PRODUCTION, pipe.id(),
                ClickPipeScalingPatchRequest.of(1, 1000, 0.25)), "replicaMemoryGb");

        ClickPipe postgres = call(client.clickPipeCreate(connection, PRODUCTION, SandboxBodies.postgres()));
        assertThat(failure(CloudApiException.class, client.clickPipeScalingUpdate(connection, PRODUCTION,
                postgres.id(), ClickPipeScalingPatchRequest.of(2, 500, 2.0))).message())
                .contains("clickpipesCdcScaling");
    }

    @Test
    void cdcScalingTakesWholeCoresAndFourGibPerCore() {
        assertThat(call(client.clickPipeCdcScalingGet(connection, PRODUCTION)))
                .isEqualTo(new ClickPipesCdcScaling(2000, 8.0));

        assertThat(call(client.clickPipeCdcScalingUpdate(connection, PRODUCTION, ClickPipesCdcScaling.ofCores(4))))
                .isEqualTo(ClickPipesCdcScaling.ofCores(4));
        assertThat(call(client.clickPipeCdcScalingGet(connection, PRODUCTION))).isEqualTo(ClickPipesCdcScaling.ofCores(4));

        assertThat(badRequest(client.clickPipeCdcScalingUpdate(connection, PRODUCTION,
                new ClickPipesCdcScaling(4000, 12.0)), "replicaMemoryGb").message())
                .contains("4 × the CPU core count", "16 GiB for 4000 millicores");
        badRequest(client.clickPipeCdcScalingUpdate(connection, PRODUCTION, new ClickPipesCdcScaling(1500, 6.0)),
                "replicaCpuMillicores");
        badRequest(client.clickPipeCdcScalingUpdate(connection, PRODUCTION, new ClickPipesCdcScaling(33000, 132.0)),
                "replicaCpuMillicores");
        badRequest(client.clickPipeCdcScalingUpdate(connection, PRODUCTION, new ClickPipesCdcScaling(4000, null)),
                "replicaMemoryGb");
    }

    @Test
    void cdcScalingAppearsWithTheFirstDatabasePipe() {
        call(client.clickPipeGetList(connection, STAGING)).stream().filter(pipe -> pipe.source().postgres() != null)
                .forEach(pipe -> call(client.clickPipeDelete(connection, STAGING, pipe.id())));

        assertThat(failure(CloudNotFoundException.class, client.clickPipeCdcScalingGet(connection, STAGING)).message())
                .contains("once at least one database ClickPipe");

        call(client.clickPipeCreate(connection, STAGING, SandboxBodies.mysql()));
        assertThat(call(client.clickPipeCdcScalingGet(connection, STAGING))).isEqualTo(new ClickPipesCdcScaling(2000, 8.0));
    }

    @Test
    void schemaDiscoveryInfersColumnsOfKafkaAndKinesisSources() {
        ClickPipeSchemaDiscoveryResponse kafka = call(client.clickPipeSchemaDiscovery(connection, PRODUCTION,
                ClickPipeSchemaDiscoveryRequest.kafka(SandboxBodies.kafkaConfluent().source().kafka())));
        assertThat(kafka.fields()).extracting(field -> field.name() + ":" + field.type())
                .contains("order_id:UInt64", "customer_email:Nullable(String)", "created_at:DateTime64(3)");
        assertThat(kafka.meta()).containsEntry("sampledMessages", "100").containsEntry("topic", "my_topic");

        ClickPipeKinesisSource kinesisSource = SandboxBodies.kinesis().source().kinesis().toBuilder().format("Avro").build();
        ClickPipeSchemaDiscoveryResponse kinesis = call(client.clickPipeSchemaDiscovery(connection, PRODUCTION,
                ClickPipeSchemaDiscoveryRequest.kinesis(kinesisSource)));
        assertThat(kinesis.fields()).extracting(field -> field.name() + ":" + field.type()).contains("order_id:Int64");
        assertThat(kinesis.meta()).containsEntry("streamName", "my-stream");

        ClickPipeKafkaSource noTopics = SandboxBodies.kafkaConfluent().source().kafka().toBuilder().topics(null).build();
        badRequest(client.clickPipeSchemaDiscovery(connection, PRODUCTION, ClickPipeSchemaDiscoveryRequest.kafka(noTopics)),
                "source.kafka.topics");
    }

    @Test
    void reversePrivateEndpointsAreListedCreatedChangedAndDeleted() {
        assertThat(call(client.clickPipeReversePrivateEndpointGetList(connection, PRODUCTION))).singleElement()
                .satisfies(endpoint -> {
                    assertThat(endpoint.status()).isEqualTo("Ready");
                    assertThat(endpoint.privateDnsNames()).containsExactly("msk.prod.internal");
                });

        ReversePrivateEndpoint created = call(client.clickPipeReversePrivateEndpointCreate(connection, PRODUCTION,
                CreateReversePrivateEndpoint.mskMultiVpc("msk", "arn:aws:kafka:us-east-1:123456789012:cluster/prod/abc",
                        "SASL_IAM")));
        assertThat(created.id()).matches(UUID);
        assertThat(created.status()).isEqualTo("Provisioning");
        assertThat(created.endpointId()).startsWith("vpce-");
        clock.advance(DELAY);
        assertThat(call(client.clickPipeReversePrivateEndpointGet(connection, PRODUCTION, created.id())).status())
                .isEqualTo("Ready");

        ReversePrivateEndpoint renamed = call(client.clickPipeReversePrivateEndpointUpdate(connection, PRODUCTION,
                created.id(), new UpdateReversePrivateEndpoint(List.of(new CustomPrivateDnsMapping("kafka.internal")))));
        assertThat(renamed.privateDnsNames()).containsExactly("kafka.internal");
        RawCloudResponse onlyNamesChange = call(client.exchangeRaw(connection, HttpMethod.PATCH, "/organizations/"
                + access.organizationId() + "/services/" + PRODUCTION + "/clickpipesReversePrivateEndpoints/"
                + created.id(), "{\"type\":\"VPN\",\"customPrivateDnsMappings\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(onlyNamesChange.bodyText()).contains("\"type\":\"MSK_MULTI_VPC\"", "\"privateDnsNames\":[]");
        badRequest(client.clickPipeReversePrivateEndpointUpdate(connection, PRODUCTION, created.id(),
                new UpdateReversePrivateEndpoint(List.of(new CustomPrivateDnsMapping("msk.prod.internal")))),
                "customPrivateDnsMappings[0].privateDnsName");
        badRequest(client.clickPipeReversePrivateEndpointCreate(connection, PRODUCTION,
                CreateReversePrivateEndpoint.mskMultiVpc("msk", "arn:aws:kafka:us-east-1:1:cluster/x/y", null)),
                "mskAuthentication");

        call(client.clickPipeReversePrivateEndpointDelete(connection, PRODUCTION, created.id()));
        failure(CloudNotFoundException.class, client.clickPipeReversePrivateEndpointGet(connection, PRODUCTION,
                created.id()));
    }

    // ---- errors ----

    @Test
    void invalidBodiesAreRefusedNamingTheField() {
        ClickPipePostRequest kafka = SandboxBodies.kafkaConfluent();
        ClickPipeKafkaSource source = kafka.source().kafka();

        assertThat(badRequest(create(withKafka(kafka, source.toBuilder().type("confluence").build())),
                "source.kafka.type").message()).contains("must be one of", "confluent", "got \"confluence\"");
        badRequest(create(new ClickPipePostRequest(null, kafka.source(), kafka.destination(), null, null, null)), "name");
        badRequest(create(withKafka(kafka, source.toBuilder().authentication("SCRAM-SHA-512").build())),
                "source.kafka.authentication");
        badRequest(create(new ClickPipePostRequest(kafka.name(), kafka.source(), kafka.destination(), null,
                new ClickPipeScaling(41, null, null, null), null)), "scaling.replicas");
        badRequest(create(new ClickPipePostRequest(kafka.name(), new ClickPipePostSource(source, null,
                SandboxBodies.kinesis().source().kinesis(), null, null, null, null, null, null), kafka.destination(),
                null, null, null)), "source");
        ClickPipePostRequest postgres = SandboxBodies.postgres();
        assertThat(badRequest(create(new ClickPipePostRequest(postgres.name(), postgres.source(),
                new ClickPipeDestination("default", "my_table", null, null, null, null), null, null, null)),
                "destination.table").message()).contains("tableMappings");
        badRequest(create(new ClickPipePostRequest(kafka.name(), kafka.source(), ClickPipeDestination.database("x"),
                null, null, null)), "destination.table");
        badRequest(create(ClickPipePostRequest.of("mongo", ClickPipePostSource.mongodb(
                SandboxBodies.mongodb().source().mongodb().toBuilder().tableMappings(List.of(
                        ClickPipeMongoDBPipeTableMapping.of("db", "c", "t"), ClickPipeMongoDBPipeTableMapping.of("db",
                                "d", "t"))).build()), ClickPipeDestination.database("default"))),
                "source.mongodb.tableMappings[1].targetTable");
    }

    @Test
    void malformedJsonAndUnknownPathsGetTheErrorEnvelope() {
        String pipes = "/organizations/" + access.organizationId() + "/services/" + PRODUCTION + "/clickpipes";
        RawCloudResponse malformed = call(client.exchangeRaw(connection, HttpMethod.POST, pipes,
                "{not json".getBytes(StandardCharsets.UTF_8)));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.bodyText()).matches("\\{\"status\":400,\"requestId\":\"" + UUID
                + "\",\"error\":\"BAD_REQUEST: the request body is not valid JSON\"}");

        RawCloudResponse unknown = call(client.exchangeRaw(connection, HttpMethod.GET, "/no/such/operation", null));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.bodyText()).contains("\"error\":\"NOT_FOUND: ");

        RawCloudResponse notUuid = call(client.exchangeRaw(connection, HttpMethod.GET, pipes + "/not-a-uuid", null));
        assertThat(notUuid.status()).isEqualTo(400);
        assertThat(notUuid.bodyText()).contains("BAD_REQUEST: clickPipeId: must be a UUID");
    }

    // ---- idle service ----

    @Test
    void anIdleServiceAnswers424UntilItIsWoken() {
        cloud.makeIdle(STAGING);

        ServiceIdleException idle = failure(ServiceIdleException.class, client.clickPipeGetList(connection, STAGING));
        assertThat(idle.status()).isEqualTo(424);
        assertThat(idle.code()).isEqualTo("FAILED_DEPENDENCY");
        failure(ServiceIdleException.class, client.clickPipeCreate(connection, STAGING, SandboxBodies.kafkaConfluent()));
        assertThat(call(client.instanceGet(connection, STAGING)).isIdle()).isTrue();
        assertThat(call(client.clickPipeGetList(connection, PRODUCTION))).as("the other service is fine").isNotEmpty();

        assertThat(call(client.instanceStateUpdate(connection, STAGING, ServiceCommand.START)).state())
                .isEqualTo("awaking");
        CloudApiException waking = failure(CloudApiException.class, client.clickPipeGetList(connection, STAGING));
        assertThat(waking.status()).isEqualTo(424);
        assertThat(waking.message()).contains("Current state: awaking");

        clock.advance(DELAY);
        assertThat(call(client.instanceGet(connection, STAGING)).state()).isEqualTo("running");
        assertThat(call(client.clickPipeGetList(connection, STAGING))).hasSize(2);
    }

    // ---- helpers ----

    private ClickPipeState state(ClickPipe pipe) {
        return call(client.clickPipeGet(connection, pipe.serviceId(), pipe.id())).state();
    }

    private Mono<ClickPipe> command(ClickPipe pipe, ClickPipeCommand command) {
        return client.clickPipeStateUpdate(connection, pipe.serviceId(), pipe.id(), command);
    }

    private Mono<ClickPipe> create(ClickPipePostRequest body) {
        return client.clickPipeCreate(connection, PRODUCTION, body);
    }

    private static ClickPipePostRequest withKafka(ClickPipePostRequest body, ClickPipeKafkaSource kafka) {
        return new ClickPipePostRequest(body.name(), ClickPipePostSource.kafka(kafka), body.destination(),
                body.fieldMappings(), body.scaling(), body.settings());
    }

    private static ClickPipePatchSource patch(ClickPipePatchKafkaSource kafka,
            ClickPipePatchObjectStorageSource objectStorage, ClickPipePatchKinesisSource kinesis,
            ClickPipePatchPubSubSource pubsub, ClickPipePatchPostgresSource postgres, ClickPipePatchMySQLSource mysql,
            ClickPipePatchMongoDBSource mongodb) {
        return new ClickPipePatchSource(kafka, objectStorage, kinesis, pubsub, postgres, mysql, mongodb, null);
    }
}
