package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Which BigQuery table goes to which ClickHouse table (schema {@code ClickPipeBigQueryPipeTableMapping}).
 *
 * @param sourceDatasetName Source BigQuery dataset name.
 * @param sourceTable Source table name.
 * @param targetTable Target ClickHouse table name.
 * @param excludedColumns Columns to exclude from the target table.
 * @param useCustomSortingKey Whether to use a custom sorting key for the target table.
 * @param sortingKeys Ordered list of columns to use as sorting key for the target table.
 * @param tableEngine Table engine to use for the target table.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeBigQueryPipeTableMapping(
        String sourceDatasetName,
        String sourceTable,
        String targetTable,
        List<String> excludedColumns,
        Boolean useCustomSortingKey,
        List<String> sortingKeys,
        String tableEngine) {

    /** Table engines, spelled as on the wire. */
    public static final List<String> TABLE_ENGINES = List.of("MergeTree", "ReplacingMergeTree", "Null");

    /** Copies {@code sourceDatasetName.sourceTable} into {@code targetTable} with default options. */
    public static ClickPipeBigQueryPipeTableMapping of(String sourceDatasetName, String sourceTable, String targetTable) {
        return new ClickPipeBigQueryPipeTableMapping(sourceDatasetName, sourceTable, targetTable, null, null, null, null);
    }
}
