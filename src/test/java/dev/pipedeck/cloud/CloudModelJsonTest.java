package dev.pipedeck.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pipedeck.cloud.clickpipe.AccessKey;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeObjectStorageSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeState;
import dev.pipedeck.cloud.clickpipe.ClickPipesCdcScaling;
import dev.pipedeck.cloud.clickpipe.KafkaCredentials;
import dev.pipedeck.cloud.clickpipe.PlainCredentials;
import dev.pipedeck.cloud.clickpipe.ServiceAccount;
import tools.jackson.databind.JsonNode;

/** How the model records look on the wire, in the client's JSON dialect. */
class CloudModelJsonTest {

    @Test
    void nullsAreLeftOutOfRequests() {
        JsonNode json = CloudJson.MAPPER.valueToTree(ExampleBodies.postgres());

        assertThat(json.toString()).doesNotContain("null");
        assertThat(json.get("source").propertyNames()).containsExactly("postgres");
    }

    @Test
    void booleanComponentsNamedIsKeepTheirName() {
        JsonNode json = CloudJson.MAPPER.valueToTree(ClickPipeObjectStorageSource.builder().isContinuous(true).build());

        assertThat(json.toString()).isEqualTo("{\"isContinuous\":true}");
    }

    @Test
    void unknownFieldsAndStatesOfAnswersAreTolerated() {
        ClickPipe pipe = CloudJson.MAPPER.readValue("""
                {"id":"p","state":"Hibernating","brandNew":{"x":1},"source":{"kafka":{"type":"kafka","newKnob":2}}}""",
                ClickPipe.class);

        assertThat(pipe.state()).isEqualTo(ClickPipeState.UNKNOWN);
        assertThat(pipe.source().kafka().type()).isEqualTo("kafka");
    }

    @Test
    void transitionalStatesAreTheOnesThatSettleOnTheirOwn() {
        assertThat(List.of(ClickPipeState.values())).filteredOn(ClickPipeState::isTransitional)
                .containsExactlyInAnyOrder(ClickPipeState.PROVISIONING, ClickPipeState.STOPPING,
                        ClickPipeState.PAUSING, ClickPipeState.SETUP, ClickPipeState.SNAPSHOT,
                        ClickPipeState.MODIFYING, ClickPipeState.RESYNC);
    }

    @Test
    void settingsKeepUnknownKeysAndNullsAcrossARoundTrip() {
        ClickPipeSettings settings = CloudJson.MAPPER.readValue(
                "{\"streaming_max_insert_wait_ms\":500,\"a_future_setting\":\"x\",\"clickhouse_max_threads\":null}",
                ClickPipeSettings.class);

        assertThat(settings.values()).containsEntry("a_future_setting", "x").containsEntry("clickhouse_max_threads", null);
        assertThat(CloudJson.MAPPER.writeValueAsString(settings))
                .isEqualTo("{\"streaming_max_insert_wait_ms\":500,\"a_future_setting\":\"x\",\"clickhouse_max_threads\":null}");
        assertThat(settings.with(ClickPipeSettings.CLICKHOUSE_MAX_THREADS, 4).get("clickhouse_max_threads"))
                .isEqualTo(4);
        assertThat(settings.get("clickhouse_max_threads")).as("with() copies").isNull();
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        ClickPipeKafkaSource original = ExampleBodies.kafkaFromReferencePage().source().kafka();

        ClickPipeKafkaSource changed = original.toBuilder().topics("other_topic").build();

        assertThat(changed.topics()).isEqualTo("other_topic");
        assertThat(changed.toBuilder().topics(original.topics()).build()).isEqualTo(original);
    }

    @Test
    void cdcScalingComesInWholeCoresWithFourGibEach() {
        assertThat(ClickPipesCdcScaling.ofCores(1)).isEqualTo(new ClickPipesCdcScaling(1000, 4.0));
        assertThat(ClickPipesCdcScaling.ofCores(32)).isEqualTo(new ClickPipesCdcScaling(32000, 128.0));
        assertThatThrownBy(() -> ClickPipesCdcScaling.ofCores(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClickPipesCdcScaling.ofCores(33)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsHoldingSecretsNeverPrintThem() {
        List<Object> holders = List.of(
                new PlainCredentials("u", "pw-123456"),
                new AccessKey("AKIA", "pw-123456"),
                new ServiceAccount("pw-123456"),
                KafkaCredentials.usernamePassword("u", "pw-123456"),
                KafkaCredentials.azureEventHub("pw-123456"),
                KafkaCredentials.mutualTls("cert", "pw-123456"),
                ClickPipeObjectStorageSource.builder().connectionString("pw-123456").serviceAccountKey("pw-123456")
                        .build(),
                ExampleBodies.kafkaFromReferencePage().source().kafka().toBuilder()
                        .credentials(KafkaCredentials.accessKey("AKIA", "pw-123456")).build());

        for (Object holder : holders) {
            assertThat(holder.toString()).as(holder.getClass().getSimpleName()).doesNotContain("pw-123456")
                    .contains("••••");
        }
        ClickPipePostRequest request = ExampleBodies.postgres();
        assertThat(request.toString()).doesNotContain(ExampleBodies.SECRET_PASSWORD);
    }

    @Test
    void createSourceKnowsItsKind() {
        assertThat(ExampleBodies.bigquery().source().kind()).isEqualTo("bigquery");
        assertThat(ExampleBodies.gcs().source().kind()).isEqualTo("objectStorage");
        assertThat(CloudJson.MAPPER.valueToTree(ExampleBodies.gcs().source()).has("kind")).isFalse();
    }

    @Test
    void serviceTellsWhenItIsIdle() {
        Service idle = CloudJson.MAPPER.readValue(CannedResults.SERVICE_IDLE, Service.class);
        Service waking = CloudJson.MAPPER.readValue(CannedResults.SERVICE_STARTING, Service.class);

        assertThat(idle.isIdle()).isTrue();
        assertThat(waking.isIdle()).isFalse();
        assertThat(CloudJson.MAPPER.valueToTree(idle).has("idle")).isFalse();
        assertThat(Map.of("state", idle.state())).containsEntry("state", "idle");
    }
}
