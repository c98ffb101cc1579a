package dev.pipedeck.cloud;

import dev.pipedeck.testsupport.OpenApiSpec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.pipedeck.cloud.clickpipe.ClickPipeBigQueryPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeBigQueryPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationTableEngine;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaOffset;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeKinesisSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeObjectStorageSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePubSubSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeState;
import dev.pipedeck.cloud.clickpipe.ClickPipeCommand;
import dev.pipedeck.cloud.clickpipe.CreateReversePrivateEndpoint;
import dev.pipedeck.cloud.clickpipe.ReversePrivateEndpoint;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the client sends and expects, checked against the published OpenAPI spec in {@code ../shared/}: every request
 * goes to a path and method the spec has, under the operationId named, and every body it sends validates against that
 * operation's request schema. Skipped, saying so, where the spec is absent.
 */
class ClickHouseCloudContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenApiSpec spec;
    private ClickHouseCloudClient client;

    @BeforeEach
    void loadSpec() {
        spec = OpenApiSpec.loadOrSkip();
        client = CloudTestServer.client(CloudTestServer.fastProperties());
    }

    @TestFactory
    Stream<DynamicTest> everyRequestTheClientSendsMatchesItsOperationInTheSpec() {
        return ClientScenarios.all().stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> {
            RecordedRequest sent;
            try (CloudTestServer server = new CloudTestServer()) {
                server.enqueue(CloudTestServer.envelope(scenario.resultJson()));
                scenario.call().apply(client, server.connection).block(Duration.ofSeconds(15));
                sent = server.take();
            }
            OpenApiSpec.Operation operation = spec.operation(sent.getMethod(), sent.getUrl().encodedPath());
            assertThat(operation.operationId()).isEqualTo(scenario.operationId());
            if (operation.requestSchema() == null) {
                assertThat(sent.getBody() == null ? 0 : sent.getBody().size()).as("a body the spec does not take")
                        .isZero();
            } else {
                JsonNode body = JSON.readTree(sent.getBody().utf8());
                assertThat(spec.violations(operation.requestSchema(), body)).as(body.toString()).isEmpty();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> theCannedAnswersAreWhatTheSpecPromises() {
        return ClientScenarios.all().stream().filter(scenario -> scenario.resultJson() != null)
                .map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> {
                    OpenApiSpec.Operation operation = spec.operation(scenario.method(), scenario.path());
                    assertThat(operation.resultSchema()).as("the spec's result of " + operation.operationId())
                            .isNotNull();
                    assertThat(spec.violations(operation.resultSchema(), JSON.readTree(scenario.resultJson())))
                            .isEmpty();
                }));
    }

    @Test
    void theReferencePageExamplesValidate() {
        JsonNode schema = spec.schema("ClickPipePostRequest");

        assertThat(spec.violations(schema, JSON.readTree(ExampleBodies.KAFKA_FROM_REFERENCE_PAGE))).isEmpty();
        assertThat(spec.violations(schema, JSON.readTree(ExampleBodies.KINESIS_FROM_REFERENCE_PAGE))).isEmpty();
    }

    @Test
    void theValidatorRejectsBodiesTheSpecForbids() {
        JsonNode create = spec.schema("ClickPipePostRequest");
        assertThat(spec.violations(create, JSON.readTree(
                ExampleBodies.KAFKA_FROM_REFERENCE_PAGE.replace("\"confluent\"", "\"confluence\"")))).isNotEmpty();
        assertThat(spec.violations(create, JSON.readTree(
                ExampleBodies.KAFKA_FROM_REFERENCE_PAGE.replace("\"managedTable\": true", "\"managedTable\": \"yes\""))))
                .isNotEmpty();
        assertThat(spec.violations(spec.schema("ClickPipeScalingPatchRequest"), JSON.readTree("{\"replicas\":41}")))
                .isNotEmpty();
        assertThat(spec.violations(spec.schema("ClickPipesCdcScalingPatchRequest"),
                JSON.readTree("{\"replicaCpuMillicores\":1500,\"replicaMemoryGb\":6}"))).hasSize(2);
        assertThat(spec.violations(spec.schema("ClickPipeStatePatchRequest"), JSON.readTree("{\"command\":\"pause\"}")))
                .isNotEmpty();
        assertThat(spec.violations(spec.schema("ClickPipePostRequest"), JSON.readTree(
                "{\"source\":{\"mysql\":{\"host\":\"db.example.com\",\"port\":3306}}}")))
                .as("MySQL needs settings and tableMappings").isNotEmpty();
    }

    @Test
    void theStateCommandIsCommandNotTheReferencePagesAction() {
        JsonNode schema = spec.schema("ClickPipeStatePatchRequest");

        assertThat(schema.get("properties").has("command")).isTrue();
        assertThat(schema.get("properties").has("action")).isFalse();
        assertThat(List.of(ClickPipeCommand.values())).extracting(ClickPipeCommand::wireName)
                .containsExactlyElementsOf(spec.enumOf("ClickPipeStatePatchRequest", "command"));
        assertThat(List.of(ServiceCommand.values())).extracting(ServiceCommand::wireName)
                .containsExactlyElementsOf(spec.enumOf("ServiceStatePatchRequest", "command"));
    }

    @Test
    void pipeStatesAreSpelledAsInTheSpec() {
        assertThat(List.of(ClickPipeState.values())).extracting(ClickPipeState::wireName)
                .containsExactlyElementsOf(spec.enumOf("ClickPipe", "state"));
    }

    @Test
    void choiceListsOfTheModelsAreTheSpecsEnums() {
        assertThat(ClickPipeKafkaSource.TYPES).isEqualTo(spec.enumOf("ClickPipePostKafkaSource", "type"));
        assertThat(ClickPipeKafkaSource.FORMATS).isEqualTo(spec.enumOf("ClickPipePostKafkaSource", "format"));
        assertThat(ClickPipeKafkaSource.AUTHENTICATIONS)
                .isEqualTo(spec.enumOf("ClickPipePostKafkaSource", "authentication"));
        assertThat(ClickPipeKafkaOffset.STRATEGIES).isEqualTo(spec.enumOf("ClickPipeKafkaOffset", "strategy"));
        assertThat(ClickPipeObjectStorageSource.TYPES).isEqualTo(spec.enumOf("ClickPipePostObjectStorageSource", "type"));
        assertThat(ClickPipeObjectStorageSource.FORMATS)
                .isEqualTo(spec.enumOf("ClickPipePostObjectStorageSource", "format"));
        assertThat(ClickPipeObjectStorageSource.COMPRESSIONS)
                .isEqualTo(spec.enumOf("ClickPipePostObjectStorageSource", "compression"));
        assertThat(ClickPipeObjectStorageSource.AUTHENTICATIONS)
                .isEqualTo(spec.enumOf("ClickPipePostObjectStorageSource", "authentication"));
        assertThat(ClickPipeKinesisSource.FORMATS).isEqualTo(spec.enumOf("ClickPipePostKinesisSource", "format"));
        assertThat(ClickPipeKinesisSource.ITERATOR_TYPES)
                .isEqualTo(spec.enumOf("ClickPipePostKinesisSource", "iteratorType"));
        assertThat(ClickPipeKinesisSource.AUTHENTICATIONS)
                .isEqualTo(spec.enumOf("ClickPipePostKinesisSource", "authentication"));
        assertThat(ClickPipePubSubSource.FORMATS).isEqualTo(spec.enumOf("ClickPipePostPubSubSource", "format"));
        assertThat(ClickPipePubSubSource.AUTHENTICATIONS)
                .isEqualTo(spec.enumOf("ClickPipePostPubSubSource", "authentication"));
        assertThat(ClickPipePubSubSource.SEEK_TYPES).isEqualTo(spec.enumOf("ClickPipePostPubSubSource", "seekType"));
        assertThat(ClickPipePostgresSource.TYPES).isEqualTo(spec.enumOf("ClickPipeMutatePostgresSource", "type"));
        assertThat(ClickPipePostgresSource.AUTHENTICATIONS)
                .isEqualTo(spec.enumOf("ClickPipeMutatePostgresSource", "authentication"));
        assertThat(ClickPipePostgresPipeSettings.REPLICATION_MODES)
                .isEqualTo(spec.enumOf("ClickPipePostgresPipeSettings", "replicationMode"));
        assertThat(ClickPipePostgresPipeTableMapping.TABLE_ENGINES)
                .isEqualTo(spec.enumOf("ClickPipePostgresPipeTableMapping", "tableEngine"));
        assertThat(ClickPipeMySQLSource.TYPES).isEqualTo(spec.enumOf("ClickPipeMutateMySQLSource", "type"));
        assertThat(ClickPipeMySQLSource.AUTHENTICATIONS)
                .isEqualTo(spec.enumOf("ClickPipeMutateMySQLSource", "authentication"));
        assertThat(ClickPipeMySQLPipeSettings.REPLICATION_MODES)
                .isEqualTo(spec.enumOf("ClickPipeMySQLPipeSettings", "replicationMode"));
        assertThat(ClickPipeMySQLPipeSettings.REPLICATION_MECHANISMS)
                .isEqualTo(spec.enumOf("ClickPipeMySQLPipeSettings", "replicationMechanism"));
        assertThat(ClickPipeMySQLPipeTableMapping.TABLE_ENGINES)
                .isEqualTo(spec.enumOf("ClickPipeMySQLPipeTableMapping", "tableEngine"));
        assertThat(ClickPipeMongoDBSource.READ_PREFERENCES)
                .isEqualTo(spec.enumOf("ClickPipeMutateMongoDBSource", "readPreference"));
        assertThat(ClickPipeMongoDBPipeSettings.REPLICATION_MODES)
                .isEqualTo(spec.enumOf("ClickPipeMongoDBPipeSettings", "replicationMode"));
        assertThat(ClickPipeMongoDBPipeTableMapping.TABLE_ENGINES)
                .isEqualTo(spec.enumOf("ClickPipeMongoDBPipeTableMapping", "tableEngine"));
        assertThat(ClickPipeBigQueryPipeSettings.REPLICATION_MODES)
                .isEqualTo(spec.enumOf("ClickPipeBigQueryPipeSettings", "replicationMode"));
        assertThat(ClickPipeBigQueryPipeTableMapping.TABLE_ENGINES)
                .isEqualTo(spec.enumOf("ClickPipeBigQueryPipeTableMapping", "tableEngine"));
        assertThat(ClickPipeDestinationTableEngine.TYPES)
                .isEqualTo(spec.enumOf("ClickPipeDestinationTableEngine", "type"));
        assertThat(CreateReversePrivateEndpoint.TYPES).isEqualTo(spec.enumOf("CreateReversePrivateEndpoint", "type"));
        assertThat(CreateReversePrivateEndpoint.MSK_AUTHENTICATIONS)
                .isEqualTo(spec.enumOf("CreateReversePrivateEndpoint", "mskAuthentication"));
        assertThat(ReversePrivateEndpoint.STATUSES).isEqualTo(spec.enumOf("ReversePrivateEndpoint", "status"));
        assertThat(Service.STATES).isEqualTo(spec.enumOf("Service", "state"));
    }

    @Test
    void settingsKeysAreTheSpecsProperties() {
        List<String> specKeys = List.copyOf(spec.schema("ClickPipeSettings").get("properties").propertyNames());

        assertThat(ClickPipeSettings.KEYS).isEqualTo(specKeys);
        assertThat(List.copyOf(spec.schema("ClickPipeSettingsPutRequest").get("properties").propertyNames()))
                .isEqualTo(specKeys);
    }
}
