package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Settings of a BigQuery pipe (schema {@code ClickPipeBigQueryPipeSettings}); only snapshot mode exists.
 *
 * @param replicationMode Replication mode.
 * @param allowNullableColumns Allow nullable columns in the destination table.
 * @param initialLoadParallelism Number of parallel workers during initial load.
 * @param snapshotNumRowsPerPartition Number of rows to snapshot per partition.
 * @param snapshotNumberOfParallelTables Number of parallel tables to snapshot.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeBigQueryPipeSettings(
        String replicationMode,
        Boolean allowNullableColumns,
        Integer initialLoadParallelism,
        Integer snapshotNumRowsPerPartition,
        Integer snapshotNumberOfParallelTables) {

    /** Replication modes, spelled as on the wire. */
    public static final List<String> REPLICATION_MODES = List.of("snapshot");

    /** Snapshot mode with default options. */
    public static ClickPipeBigQueryPipeSettings snapshot() {
        return new ClickPipeBigQueryPipeSettings("snapshot", null, null, null, null);
    }
}
