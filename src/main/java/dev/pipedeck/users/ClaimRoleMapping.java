package dev.pipedeck.users;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The role an identity provider's claims give: every value of the role claim (a list, or one value) that
 * {@code role-mapping} names maps to a role, and the highest of them wins; with none, the default role (or none at
 * all, and the sign-in is refused). Values are matched ignoring case (environment variables lower-case map keys).
 */
final class ClaimRoleMapping {

    /** The role given, and the claim values that gave it (empty when the default role applies). */
    record Decision(Optional<Role> role, List<String> matchedValues) {
    }

    private ClaimRoleMapping() {
    }

    static Decision decide(Map<String, Object> claims, SsoProperties.Oidc oidc) {
        Map<String, Role> mapping = new HashMap<>();
        oidc.roleMapping().forEach((value, role) -> mapping.put(value.toLowerCase(Locale.ROOT), role));
        List<String> matched = new ArrayList<>();
        Role highest = null;
        for (String value : valuesOf(claims.get(oidc.roleClaim()))) {
            Role role = mapping.get(value.toLowerCase(Locale.ROOT));
            if (role != null) {
                matched.add(value);
                highest = highest == null || role.compareTo(highest) > 0 ? role : highest;
            }
        }
        return highest != null ? new Decision(Optional.of(highest), List.copyOf(matched))
                : new Decision(oidc.fallbackRole(), List.of());
    }

    private static List<String> valuesOf(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(v -> v != null).map(Object::toString).toList();
        }
        return claim == null ? List.of() : List.of(claim.toString());
    }
}
