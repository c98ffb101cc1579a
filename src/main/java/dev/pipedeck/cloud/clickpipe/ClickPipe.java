package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A ClickPipe as ClickHouse Cloud returns it (schema {@code ClickPipe}).
 *
 * @param id Unique ClickPipe ID.
 * @param serviceId ID of the service this ClickPipe belongs to.
 * @param name Name of the ClickPipe.
 * @param state Current lifecycle state of the ClickPipe.
 * @param scaling Number and size of the replicas (streaming pipes).
 * @param source Where the data comes from; exactly one kind is set.
 * @param destination Where the data goes.
 * @param fieldMappings Field mappings of the ClickPipe.
 * @param settings Advanced settings.
 * @param createdAt Creation timestamp of the ClickPipe in ISO 8601 format.
 * @param updatedAt Last update timestamp of the ClickPipe in ISO 8601 format.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipe(
        String id,
        String serviceId,
        String name,
        ClickPipeState state,
        ClickPipeScaling scaling,
        ClickPipeSource source,
        ClickPipeDestination destination,
        List<ClickPipeFieldMapping> fieldMappings,
        ClickPipeSettings settings,
        Instant createdAt,
        Instant updatedAt) {
}
