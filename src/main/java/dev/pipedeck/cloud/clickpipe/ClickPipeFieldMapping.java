package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Maps a source field to a destination column (schema {@code ClickPipeFieldMapping}).
 *
 * @param sourceField Source field name.
 * @param destinationField Destination field name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeFieldMapping(String sourceField, String destinationField) {
}
