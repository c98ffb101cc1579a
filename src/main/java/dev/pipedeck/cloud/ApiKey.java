package dev.pipedeck.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * An API key of the organization as listed by {@code openapiKeyGetList} (schema {@code ApiKey}); never holds the secret.
 *
 * @param id Unique API key ID.
 * @param name Name of the key
 * @param state State of the key: 'enabled', 'disabled'.
 * @param roles DEPRECATED. Use `assignedRoles` instead.
 * @param assignedRoles Custom roles and System roles assigned to this API key
 * @param keySuffix Last 4 letters of the key.
 * @param createdAt Timestamp the key was created.
 * @param expireAt Timestamp the key expires.
 * @param usedAt Timestamp the key was used last time, with one-minute precision.
 * @param ipAccessList List of IP addresses allowed to access the API using this key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiKey(
        String id,
        String name,
        String state,
        List<String> roles,
        List<AssignedRole> assignedRoles,
        String keySuffix,
        Instant createdAt,
        Instant expireAt,
        Instant usedAt,
        List<IpAccessListEntry> ipAccessList) {
}
