package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Body of {@code PATCH .../clickpipes/{id}} (schema {@code ClickPipePatchRequest}); unset parts stay as they are.
 *
 * @param name Name of the ClickPipe.
 * @param source Where the data comes from; exactly one kind is set.
 * @param destination Where the data goes.
 * @param fieldMappings Field mappings of the ClickPipe.
 * @param settings Advanced settings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePatchRequest(
        String name,
        ClickPipePatchSource source,
        ClickPipePatchDestination destination,
        List<ClickPipeFieldMapping> fieldMappings,
        ClickPipeSettings settings) {

    /** Renames the pipe and changes nothing else. */
    public static ClickPipePatchRequest rename(String name) {
        return new ClickPipePatchRequest(name, null, null, null, null);
    }
}
