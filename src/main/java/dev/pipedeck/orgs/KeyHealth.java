package dev.pipedeck.orgs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.pipedeck.cloud.ApiKey;
import dev.pipedeck.cloud.AssignedRole;

/**
 * What an admin should know about a connection's API key: its state, roles and expiry, as ClickHouse Cloud lists
 * them, and the warnings that follow (expires within 14 days, expired, disabled, no role that can manage ClickPipes).
 */
public record KeyHealth(Status status, String keyName, String state, List<String> roles, Instant expireAt,
        List<String> warnings, String error) {

    public enum Status {
        /** Enabled, not expiring soon, with a role that manages ClickPipes. */
        HEALTHY,
        /** Usable, but something needs attention soon. */
        WARNING,
        /** The key cannot be used (expired, disabled) or cannot manage ClickPipes. */
        PROBLEM,
        /** The key list could not be read, or the key is not in it. */
        UNKNOWN
    }

    static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    public boolean needsAttention() {
        return status != Status.HEALTHY;
    }

    static KeyHealth unknown(String error) {
        return new KeyHealth(Status.UNKNOWN, null, null, List.of(), null, List.of(error), error);
    }

    /** Reads the health of the key whose suffix matches, among the organization's keys. */
    static KeyHealth of(List<ApiKey> keys, String keySuffix, Instant now) {
        List<ApiKey> matches = keys.stream()
                .filter(k -> k.keySuffix() != null && k.keySuffix().equalsIgnoreCase(keySuffix))
                .toList();
        if (matches.isEmpty()) {
            return unknown("No key ending in '" + keySuffix + "' is listed for this organization.");
        }
        ApiKey key = matches.size() == 1 ? matches.get(0)
                : matches.stream().filter(k -> "enabled".equalsIgnoreCase(k.state())).findFirst().orElse(matches.get(0));
        List<String> roles = roleNames(key);
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if ("disabled".equalsIgnoreCase(key.state())) {
            problems.add("The key is disabled in ClickHouse Cloud.");
        }
        if (key.expireAt() != null) {
            if (!key.expireAt().isAfter(now)) {
                problems.add("The key expired on " + key.expireAt() + ".");
            } else if (key.expireAt().isBefore(now.plus(EXPIRY_WARNING))) {
                long days = Math.max(0, Duration.between(now, key.expireAt()).toDays());
                warnings.add("The key expires in " + days + (days == 1 ? " day" : " days") + " (" + key.expireAt()
                        + "). Replace it before then.");
            }
        }
        switch (clickPipesAccess(key)) {
            case NONE -> problems.add("The key has no role that can manage ClickPipes (Admin or Developer).");
            case UNCERTAIN -> warnings.add("The key has only custom roles; check that they allow managing ClickPipes.");
            case YES -> { }
        }
        List<String> all = new ArrayList<>(problems);
        all.addAll(warnings);
        Status status = !problems.isEmpty() ? Status.PROBLEM : !warnings.isEmpty() ? Status.WARNING : Status.HEALTHY;
        return new KeyHealth(status, key.name(), key.state(), roles, key.expireAt(), List.copyOf(all), null);
    }

    private enum Access { YES, NONE, UNCERTAIN }

    private static Access clickPipesAccess(ApiKey key) {
        boolean custom = false;
        if (key.assignedRoles() != null) {
            for (AssignedRole role : key.assignedRoles()) {
                if ("custom".equalsIgnoreCase(role.roleType())) {
                    custom = true;
                } else if (managesClickPipes(role.roleName())) {
                    return Access.YES;
                }
            }
        }
        if (key.roles() != null && key.roles().stream().anyMatch(KeyHealth::managesClickPipes)) {
            return Access.YES;
        }
        return custom ? Access.UNCERTAIN : Access.NONE;
    }

    private static boolean managesClickPipes(String roleName) {
        String name = roleName == null ? "" : roleName.toLowerCase(Locale.ROOT);
        return name.contains("admin") || name.contains("developer");
    }

    private static List<String> roleNames(ApiKey key) {
        List<String> names = new ArrayList<>();
        if (key.assignedRoles() != null) {
            key.assignedRoles().forEach(r -> names.add(r.roleName()));
        }
        if (names.isEmpty() && key.roles() != null) {
            names.addAll(key.roles());
        }
        return List.copyOf(names);
    }
}
