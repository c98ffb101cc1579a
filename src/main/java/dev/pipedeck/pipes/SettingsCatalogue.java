package dev.pipedeck.pipes;

import static dev.pipedeck.cloud.clickpipe.ClickPipeSettings.CLICKHOUSE_MAX_DOWNLOAD_THREADS;
import static dev.pipedeck.cloud.clickpipe.ClickPipeSettings.CLICKHOUSE_MAX_INSERT_THREADS;
import static dev.pipedeck.cloud.clickpipe.ClickPipeSettings.CLICKHOUSE_MAX_THREADS;
import static dev.pipedeck.cloud.clickpipe.ClickPipeSettings.CLICKHOUSE_MIN_INSERT_BLOCK_SIZE_BYTES;
import static dev.pipedeck.cloud.clickpipe.ClickPipeSettings.CLICKHOUSE_PARALLEL_DISTRIBUTED_INSERT_SELECT;
import static dev.pipedeck.cloud.clickpipe.ClickPipeSettings.CLICKHOUSE_PARALLEL_VIEW_PROCESSING;
import static dev.pipedeck.cloud.clickpipe.ClickPipeSettings.OBJECT_STORAGE_CONCURRENCY;
import static dev.pipedeck.cloud.clickpipe.ClickPipeSettings.OBJECT_STORAGE_MAX_FILE_COUNT;
import static dev.pipedeck.cloud.clickpipe.ClickPipeSettings.OBJECT_STORAGE_MAX_INSERT_BYTES;
import static dev.pipedeck.cloud.clickpipe.ClickPipeSettings.OBJECT_STORAGE_POLLING_INTERVAL_MS;
import static dev.pipedeck.cloud.clickpipe.ClickPipeSettings.OBJECT_STORAGE_USE_CLUSTER_FUNCTION;
import static dev.pipedeck.cloud.clickpipe.ClickPipeSettings.STREAMING_MAX_INSERT_WAIT_MS;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.pipedeck.pipes.SettingField.Type;

/**
 * The advanced settings of a pipe ({@code ClickPipeSettings} in the OpenAPI spec), written out here with the spec's
 * descriptions and ranges: the spec is not shipped with Pipedeck.
 *
 * <p>Which kinds a setting applies to is read from the spec's names and descriptions: {@code streaming_*} settings
 * apply to the streaming sources (Kafka, Kinesis, Pub/Sub); {@code object_storage_*} settings, and those described
 * as being about file processing, to object storage. Where the spec says nothing about the kind, the setting is
 * shown for every kind.
 */
public final class SettingsCatalogue {

    /** The streaming sources: a message stream rather than files or a database. */
    static final Set<String> STREAMING = Set.of("kafka", "kinesis", "pubsub");
    static final Set<String> OBJECT_STORAGE = Set.of("objectStorage");
    static final Set<String> EVERY_KIND = Set.of();

    /** In the spec's order. */
    static final List<SettingField> FIELDS = List.of(
            new SettingField(STREAMING_MAX_INSERT_WAIT_MS, "Streaming max insert wait time",
                    "Configures the max wait period before inserting data into the ClickHouse.",
                    Type.MILLISECONDS, 500, 60_000, 1, STREAMING),
            new SettingField(OBJECT_STORAGE_CONCURRENCY, "Object storage concurrency",
                    "Number of concurrent file processing threads.",
                    Type.COUNT, 1, 35, 1, OBJECT_STORAGE),
            new SettingField(OBJECT_STORAGE_POLLING_INTERVAL_MS, "Object storage polling interval",
                    "Configures the refresh interval for querying continuous ingest for new object storage data.",
                    Type.MILLISECONDS, 100, 3_600_000, 1, OBJECT_STORAGE),
            new SettingField(OBJECT_STORAGE_MAX_INSERT_BYTES, "Max insert bytes",
                    "Number of bytes to process in a single insert batch.",
                    Type.BYTES, 10_485_760L, 53_687_091_200L, 1, OBJECT_STORAGE),
            new SettingField(OBJECT_STORAGE_MAX_FILE_COUNT, "Max file count",
                    "Maximum number of files to process in a single insert batch.",
                    Type.COUNT, 1, 10_000, 1, OBJECT_STORAGE),
            new SettingField(CLICKHOUSE_MAX_THREADS, "Max threads",
                    "Maximum number of concurrent threads for file processing.",
                    Type.COUNT, 0, 64, 1, OBJECT_STORAGE),
            new SettingField(CLICKHOUSE_MAX_INSERT_THREADS, "Max insert threads",
                    "Maximum number of concurrent insert threads.",
                    Type.COUNT, 0, 16, 1, EVERY_KIND),
            new SettingField(CLICKHOUSE_MIN_INSERT_BLOCK_SIZE_BYTES, "Min insert block size bytes",
                    "Minimum size of data block for insert (in bytes).",
                    Type.BYTES, 0, 10_737_418_240L, 1, EVERY_KIND),
            new SettingField(CLICKHOUSE_MAX_DOWNLOAD_THREADS, "Max download threads",
                    "Maximum number of concurrent download threads.",
                    Type.COUNT, 0, 32, 1, EVERY_KIND),
            new SettingField(CLICKHOUSE_PARALLEL_DISTRIBUTED_INSERT_SELECT, "Parallel distributed insert select",
                    "Parallel distributed insert select setting.",
                    Type.MODE, 0, 2, 1, EVERY_KIND),
            new SettingField(OBJECT_STORAGE_USE_CLUSTER_FUNCTION, "Use cluster function",
                    "Whether to use ClickHouse cluster function for distributed processing.",
                    Type.SWITCH, 0, 0, 0, OBJECT_STORAGE),
            new SettingField(CLICKHOUSE_PARALLEL_VIEW_PROCESSING, "Parallel view processing",
                    "Whether to enable pushing to attached views concurrently instead of sequentially.",
                    Type.SWITCH, 0, 0, 0, EVERY_KIND));

    private SettingsCatalogue() {
    }

    /** Every setting, in the spec's order. */
    public static List<SettingField> all() {
        return FIELDS;
    }

    /** The settings that apply to a pipe whose source is of {@code sourceKind} (its wire name), in the spec's order. */
    public static List<SettingField> forKind(String sourceKind) {
        return FIELDS.stream().filter(field -> field.appliesTo(sourceKind)).toList();
    }

    public static Optional<SettingField> field(String key) {
        return FIELDS.stream().filter(field -> field.key().equals(key)).findFirst();
    }

    /** A source kind's name as people say it. */
    public static String kindLabel(String sourceKind) {
        if (sourceKind == null) {
            return "Unknown source";
        }
        return switch (sourceKind) {
            case "kafka" -> "Kafka";
            case "objectStorage" -> "Object storage";
            case "kinesis" -> "Kinesis";
            case "pubsub" -> "Pub/Sub";
            case "postgres" -> "Postgres";
            case "mysql" -> "MySQL";
            case "mongodb" -> "MongoDB";
            case "bigquery" -> "BigQuery";
            default -> sourceKind;
        };
    }
}
