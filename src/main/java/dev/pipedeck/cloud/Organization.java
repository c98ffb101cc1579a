package dev.pipedeck.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A ClickHouse Cloud organization (schema {@code Organization}).
 *
 * @param id Unique organization ID.
 * @param name Name of the organization.
 * @param createdAt The timestamp the organization was created.
 * @param privateEndpoints List of private endpoints for organization
 * @param enableCoreDumps Whether crash reports (core dumps) collection is enabled for services in the organization.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Organization(
        String id,
        String name,
        Instant createdAt,
        List<OrganizationPrivateEndpoint> privateEndpoints,
        Boolean enableCoreDumps) {
}
