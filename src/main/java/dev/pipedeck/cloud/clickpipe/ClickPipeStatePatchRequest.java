package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code PATCH .../clickpipes/{id}/state} (schema {@code ClickPipeStatePatchRequest}).
 *
 * @param command Command to change the state: 'start', 'stop', 'resync'.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeStatePatchRequest(ClickPipeCommand command) {
}
