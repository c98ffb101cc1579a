package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Body of {@code PATCH .../clickpipesReversePrivateEndpoints/{id}} (schema {@code UpdateReversePrivateEndpoint}).
 *
 * @param customPrivateDnsMappings Optional private DNS names for Reverse Private Endpoint.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateReversePrivateEndpoint(List<CustomPrivateDnsMapping> customPrivateDnsMappings) {
}
