package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Body of {@code POST .../clickpipes}, creating a pipe (schema {@code ClickPipePostRequest}).
 *
 * @param name Name of the ClickPipe.
 * @param source Where the data comes from; exactly one kind is set.
 * @param destination Where the data goes.
 * @param fieldMappings Field mappings of the ClickPipe.
 * @param scaling Number and size of the replicas (streaming pipes).
 * @param settings Advanced settings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePostRequest(
        String name,
        ClickPipePostSource source,
        ClickPipeDestination destination,
        List<ClickPipeFieldMapping> fieldMappings,
        ClickPipeScaling scaling,
        ClickPipeSettings settings) {

    /** A create body with only the parts every pipe needs. */
    public static ClickPipePostRequest of(String name, ClickPipePostSource source, ClickPipeDestination destination) {
        return new ClickPipePostRequest(name, source, destination, null, null, null);
    }
}
