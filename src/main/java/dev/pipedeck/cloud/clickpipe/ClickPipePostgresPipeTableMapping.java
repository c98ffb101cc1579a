package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Which Postgres table goes to which ClickHouse table (schema {@code ClickPipePostgresPipeTableMapping});
 * also used to name a table to remove in a patch.
 *
 * @param sourceSchemaName PostgreSQL source schema name.
 * @param sourceTable PostgreSQL source table name.
 * @param targetTable ClickHouse target table name, optionally prefixed with schema name (e.g., "my_schema_my_table").
 * @param excludedColumns List of column names to exclude from replication.
 * @param useCustomSortingKey Whether to use a custom sorting key.
 * @param sortingKeys Ordered list of column names to use as the sorting (ORDER BY) key in ClickHouse.
 * @param tableEngine ClickHouse table engine: "ReplacingMergeTree" (handles updates/deletes), "MergeTree"
 *     (append-only), or "Null" (forward data to materialized views…
 * @param partitionKey Custom partitioning column used for parallel snapshotting.
 * @param partitionByExpr ClickHouse PARTITION BY expression applied to the destination table when ClickPipes creates
 *     it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePostgresPipeTableMapping(
        String sourceSchemaName,
        String sourceTable,
        String targetTable,
        List<String> excludedColumns,
        Boolean useCustomSortingKey,
        List<String> sortingKeys,
        String tableEngine,
        String partitionKey,
        String partitionByExpr) {

    /** Table engines, spelled as on the wire. */
    public static final List<String> TABLE_ENGINES = List.of("MergeTree", "ReplacingMergeTree", "Null");

    /** Replicates {@code sourceSchemaName.sourceTable} into {@code targetTable} with default options. */
    public static ClickPipePostgresPipeTableMapping of(String sourceSchemaName, String sourceTable, String targetTable) {
        return new ClickPipePostgresPipeTableMapping(sourceSchemaName, sourceTable, targetTable,
                null, null, null, null, null, null);
    }
}
