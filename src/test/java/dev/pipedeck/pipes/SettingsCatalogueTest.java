package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pipedeck.cloud.clickpipe.ClickPipeSettings;
import dev.pipedeck.testsupport.OpenApiSpec;
import tools.jackson.databind.JsonNode;

/**
 * The settings editor's catalogue is written by hand (the spec is not shipped): it must say what the spec says, every
 * setting with its range and description, and check typed values by those ranges.
 */
class SettingsCatalogueTest {

    @Test
    void everySettingOfTheSpecIsCataloguedWithItsRangeTypeAndDescription() {
        JsonNode properties = OpenApiSpec.loadOrSkip().schema("ClickPipeSettings").get("properties");
        List<String> specKeys = new ArrayList<>(properties.propertyNames());
        assertThat(SettingsCatalogue.all().stream().map(SettingField::key).toList())
                .as("the spec's settings, in its order").isEqualTo(specKeys).isEqualTo(ClickPipeSettings.KEYS);

        for (SettingField field : SettingsCatalogue.all()) {
            JsonNode spec = properties.get(field.key());
            String description = spec.get("description").asString();
            assertThat(withoutFinalDot(field.label() + ". " + field.description())).as(field.key())
                    .isEqualToIgnoringCase(withoutFinalDot(description));
            boolean bool = spec.get("type").toString().contains("boolean");
            assertThat(field.isSwitch()).as(field.key()).isEqualTo(bool);
            if (!bool) {
                assertThat(field.min()).as(field.key() + " minimum").isEqualTo(spec.get("minimum").asLong());
                assertThat(field.max()).as(field.key() + " maximum").isEqualTo(spec.get("maximum").asLong());
                assertThat(field.parse(spec.get("example").asString()).valid()).as(field.key() + " example").isTrue();
            }
        }
    }

    @Test
    void eachKindGetsTheSettingsTheSpecTiesToItAndTheUntiedOnes() {
        assertThat(keys("kafka")).contains("streaming_max_insert_wait_ms", "clickhouse_max_insert_threads")
                .noneMatch(key -> key.startsWith("object_storage_")).doesNotContain("clickhouse_max_threads");
        assertThat(keys("kinesis")).contains("streaming_max_insert_wait_ms");
        assertThat(keys("objectStorage")).contains("object_storage_concurrency", "object_storage_max_file_count",
                "object_storage_use_cluster_function", "clickhouse_max_threads", "clickhouse_parallel_view_processing")
                .doesNotContain("streaming_max_insert_wait_ms");
        assertThat(keys("postgres")).doesNotContain("streaming_max_insert_wait_ms", "object_storage_concurrency")
                .contains("clickhouse_max_insert_threads");
    }

    @Test
    void typedValuesAreCheckedAgainstTheRange() {
        SettingField wait = SettingsCatalogue.field("streaming_max_insert_wait_ms").orElseThrow();
        assertThat(wait.parse("5000").value()).isEqualTo(5000L);
        assertThat(wait.parse(" 10,000 ").value()).isEqualTo(10_000L);
        assertThat(wait.parse("").valid()).as("empty: back to the default").isTrue();
        assertThat(wait.parse("").value()).isNull();
        assertThat(wait.parse("499").error()).contains("500 to 60,000 ms", "out of range");
        assertThat(wait.parse("60001").valid()).isFalse();
        assertThat(wait.parse("5 s").error()).contains("whole number");
        assertThat(wait.rangeText()).isEqualTo("500 to 60,000 ms (0.5 s to 1 min)");

        SettingField bytes = SettingsCatalogue.field("object_storage_max_insert_bytes").orElseThrow();
        assertThat(bytes.rangeText()).isEqualTo("10,485,760 to 53,687,091,200 bytes (10 MiB to 50 GiB)");
        assertThat(bytes.parse("53687091200").value()).isEqualTo(53_687_091_200L);

        SettingField views = SettingsCatalogue.field("clickhouse_parallel_view_processing").orElseThrow();
        assertThat(views.parse("true").value()).isEqualTo(true);
        assertThat(views.parse("maybe").valid()).isFalse();
        assertThat(views.same(Boolean.FALSE, views.parse("false").value())).isTrue();
        assertThat(wait.same(5000, 5000L)).as("an Integer read from JSON equals a typed Long").isTrue();
    }

    private static String withoutFinalDot(String text) {
        return text.strip().replaceAll("\\.$", "");
    }

    private static List<String> keys(String kind) {
        return SettingsCatalogue.forKind(kind).stream().map(SettingField::key).toList();
    }
}
