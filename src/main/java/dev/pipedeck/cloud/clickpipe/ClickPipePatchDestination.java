package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Destination part of a patch body (schema {@code ClickPipePatchDestination}); does not alter the table.
 *
 * @param columns Columns of the destination table.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePatchDestination(List<ClickPipeDestinationColumn> columns) {
}
