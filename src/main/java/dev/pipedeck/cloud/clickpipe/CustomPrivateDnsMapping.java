package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A private DNS name served by a reverse private endpoint (schema {@code CustomPrivateDnsMapping}).
 *
 * @param privateDnsName Optional private DNS names for Reverse Private Endpoint.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomPrivateDnsMapping(String privateDnsName) {
}
