package dev.pipedeck.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An address or CIDR allowed to connect (schema {@code IpAccessListEntry}).
 *
 * @param source IP or CIDR
 * @param description Optional description of IPv4 address or IPv4 CIDR to allow access from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IpAccessListEntry(String source, String description) {
}
