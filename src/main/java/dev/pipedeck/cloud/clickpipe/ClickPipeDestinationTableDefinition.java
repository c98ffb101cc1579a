package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Definition of a managed destination table (schema {@code ClickPipeDestinationTableDefinition}).
 *
 * @param engine Engine of the table.
 * @param sortingKey Sorting key of the destination table.
 * @param partitionBy Partition key SQL expression.
 * @param primaryKey Primary key of SQL expression.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeDestinationTableDefinition(
        ClickPipeDestinationTableEngine engine,
        List<String> sortingKey,
        String partitionBy,
        String primaryKey) {

    /** A table of the given engine with no sorting, partition or primary key. */
    public static ClickPipeDestinationTableDefinition of(ClickPipeDestinationTableEngine engine) {
        return new ClickPipeDestinationTableDefinition(engine, null, null, null);
    }
}
