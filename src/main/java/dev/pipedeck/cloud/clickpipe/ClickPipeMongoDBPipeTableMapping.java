package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Which MongoDB collection goes to which ClickHouse table (schema {@code ClickPipeMongoDBPipeTableMapping});
 * also used to name a collection to remove in a patch.
 *
 * @param sourceDatabaseName MongoDB source database name.
 * @param sourceCollection MongoDB source collection name.
 * @param targetTable ClickHouse target table name.
 * @param tableEngine ClickHouse table engine: "ReplacingMergeTree" (handles updates/deletes), "MergeTree"
 *     (append-only), or "Null" (forward data to materialized views…
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeMongoDBPipeTableMapping(
        String sourceDatabaseName,
        String sourceCollection,
        String targetTable,
        String tableEngine) {

    /** Table engines, spelled as on the wire. */
    public static final List<String> TABLE_ENGINES = List.of("MergeTree", "ReplacingMergeTree", "Null");

    /** Replicates {@code sourceDatabaseName.sourceCollection} into {@code targetTable} with the default engine. */
    public static ClickPipeMongoDBPipeTableMapping of(String sourceDatabaseName, String sourceCollection, String targetTable) {
        return new ClickPipeMongoDBPipeTableMapping(sourceDatabaseName, sourceCollection, targetTable, null);
    }
}
