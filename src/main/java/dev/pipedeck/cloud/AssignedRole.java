package dev.pipedeck.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A system or custom role assigned to an API key (schema {@code AssignedRole}).
 *
 * @param roleId Unique identifier of the role
 * @param roleName Human-readable name of the role
 * @param roleType Type of role: system (predefined) or custom (organization-defined)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssignedRole(String roleId, String roleName, String roleType) {
}
