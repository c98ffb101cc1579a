package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Engine of a managed destination table (schema {@code ClickPipeDestinationTableEngine}).
 *
 * @param type Engine type of the destination table.
 * @param versionColumnId Column name to use as version for ReplacingMergeTree engine.
 * @param columnIds Column names to sum for SummingMergeTree engine.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeDestinationTableEngine(String type, String versionColumnId, List<String> columnIds) {

    /** Engine types the spec allows, spelled as on the wire. */
    public static final List<String> TYPES = List.of("MergeTree", "ReplacingMergeTree", "SummingMergeTree", "Null");

    /** An engine of the given type with no further options. */
    public static ClickPipeDestinationTableEngine of(String type) {
        return new ClickPipeDestinationTableEngine(type, null, null);
    }
}
