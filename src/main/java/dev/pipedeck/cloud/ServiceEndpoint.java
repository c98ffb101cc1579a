package dev.pipedeck.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A network endpoint of a service (schema {@code ServiceEndpoint}).
 *
 * @param protocol Endpoint protocol: 'https', 'nativesecure', 'mysql'.
 * @param host Service host name
 * @param port Numeric port
 * @param username Optional username for the endpoint
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceEndpoint(String protocol, String host, Integer port, String username) {
}
