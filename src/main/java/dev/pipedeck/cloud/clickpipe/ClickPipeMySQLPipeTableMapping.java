package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Which MySQL table goes to which ClickHouse table (schema {@code ClickPipeMySQLPipeTableMapping});
 * also used to name a table to remove in a patch.
 *
 * @param sourceSchemaName MySQL source database name.
 * @param sourceTable MySQL source table name.
 * @param targetTable ClickHouse target table name, optionally prefixed with schema name (e.g., "my_database_my_table").
 * @param excludedColumns List of column names to exclude from replication.
 * @param useCustomSortingKey Whether to use a custom sorting key.
 * @param sortingKeys Ordered list of column names to use as the sorting (ORDER BY) key in ClickHouse.
 * @param tableEngine ClickHouse table engine: "ReplacingMergeTree" (handles updates/deletes), "MergeTree"
 *     (append-only), or "Null" (forward data to materialized views…
 * @param partitionKey Custom partitioning column used for parallel snapshotting.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeMySQLPipeTableMapping(
        String sourceSchemaName,
        String sourceTable,
        String targetTable,
        List<String> excludedColumns,
        Boolean useCustomSortingKey,
        List<String> sortingKeys,
        String tableEngine,
        String partitionKey) {

    /** Table engines, spelled as on the wire. */
    public static final List<String> TABLE_ENGINES = List.of("MergeTree", "ReplacingMergeTree", "Null");

    /** Replicates {@code sourceSchemaName.sourceTable} into {@code targetTable} with default options. */
    public static ClickPipeMySQLPipeTableMapping of(String sourceSchemaName, String sourceTable, String targetTable) {
        return new ClickPipeMySQLPipeTableMapping(sourceSchemaName, sourceTable, targetTable, null, null, null, null, null);
    }
}
