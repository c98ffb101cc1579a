package dev.pipedeck.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A private endpoint registered with the organization (schema {@code OrganizationPrivateEndpoint}).
 *
 * @param id Private endpoint identifier
 * @param description Description of private endpoint
 * @param cloudProvider Cloud provider in which the private endpoint is lcoated
 * @param region Region in which the private endpoint is located
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrganizationPrivateEndpoint(String id, String description, String cloudProvider, String region) {
}
