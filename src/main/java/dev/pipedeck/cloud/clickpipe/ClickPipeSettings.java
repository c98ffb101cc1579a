package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Advanced settings of a pipe as key-value pairs (schemas {@code ClickPipeSettings} and
 * {@code ClickPipeSettingsPutRequest}). {@code PUT .../settings} merges the pairs it is given into the current settings.
 * Keys the spec does not list are kept, so settings the API adds later survive a round trip.
 *
 * @param values the pairs, in the API's snake_case keys
 */
public record ClickPipeSettings(Map<String, Object> values) {

    public static final String STREAMING_MAX_INSERT_WAIT_MS = "streaming_max_insert_wait_ms";
    public static final String OBJECT_STORAGE_CONCURRENCY = "object_storage_concurrency";
    public static final String OBJECT_STORAGE_POLLING_INTERVAL_MS = "object_storage_polling_interval_ms";
    public static final String OBJECT_STORAGE_MAX_INSERT_BYTES = "object_storage_max_insert_bytes";
    public static final String OBJECT_STORAGE_MAX_FILE_COUNT = "object_storage_max_file_count";
    public static final String CLICKHOUSE_MAX_THREADS = "clickhouse_max_threads";
    public static final String CLICKHOUSE_MAX_INSERT_THREADS = "clickhouse_max_insert_threads";
    public static final String CLICKHOUSE_MIN_INSERT_BLOCK_SIZE_BYTES = "clickhouse_min_insert_block_size_bytes";
    public static final String CLICKHOUSE_MAX_DOWNLOAD_THREADS = "clickhouse_max_download_threads";
    public static final String CLICKHOUSE_PARALLEL_DISTRIBUTED_INSERT_SELECT = "clickhouse_parallel_distributed_insert_select";
    public static final String OBJECT_STORAGE_USE_CLUSTER_FUNCTION = "object_storage_use_cluster_function";
    public static final String CLICKHOUSE_PARALLEL_VIEW_PROCESSING = "clickhouse_parallel_view_processing";

    /** The keys the spec lists, in its order. */
    public static final List<String> KEYS = List.of(STREAMING_MAX_INSERT_WAIT_MS, OBJECT_STORAGE_CONCURRENCY,
            OBJECT_STORAGE_POLLING_INTERVAL_MS, OBJECT_STORAGE_MAX_INSERT_BYTES, OBJECT_STORAGE_MAX_FILE_COUNT,
            CLICKHOUSE_MAX_THREADS, CLICKHOUSE_MAX_INSERT_THREADS, CLICKHOUSE_MIN_INSERT_BLOCK_SIZE_BYTES,
            CLICKHOUSE_MAX_DOWNLOAD_THREADS, CLICKHOUSE_PARALLEL_DISTRIBUTED_INSERT_SELECT,
            OBJECT_STORAGE_USE_CLUSTER_FUNCTION, CLICKHOUSE_PARALLEL_VIEW_PROCESSING);

    /** Keeps the pairs in the order given; a null value is sent as JSON null. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ClickPipeSettings {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Settings with the given pairs. */
    public static ClickPipeSettings of(Map<String, ?> values) {
        return new ClickPipeSettings(new LinkedHashMap<>(values));
    }

    /** A copy with {@code key} set to {@code value}. */
    public ClickPipeSettings with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new ClickPipeSettings(copy);
    }

    /** The value of {@code key}, or null. */
    public Object get(String key) {
        return values.get(key);
    }

    @JsonValue
    @Override
    public Map<String, Object> values() {
        return values;
    }
}
