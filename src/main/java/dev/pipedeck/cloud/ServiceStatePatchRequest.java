package dev.pipedeck.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code PATCH .../services/{id}/state} (schema {@code ServiceStatePatchRequest}).
 *
 * @param command Command to change the state: 'start', 'stop', 'awake'.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceStatePatchRequest(ServiceCommand command) {
}
