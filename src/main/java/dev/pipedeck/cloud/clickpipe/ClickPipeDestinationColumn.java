package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A column of the destination table (schema {@code ClickPipeDestinationColumn}).
 *
 * @param name Name of the column.
 * @param type Type of the column.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeDestinationColumn(String name, String type) {
}
