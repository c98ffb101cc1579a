package dev.pipedeck.users;

/**
 * The three team roles, from least to most privileged. Each role includes everything the roles below it may do.
 */
public enum Role {
    /** Sees organizations, services, pipes, settings and the audit history. Changes nothing. */
    VIEWER("Viewer", "Reads everything, changes nothing"),
    /** Viewer, plus creates, edits, starts, stops, resyncs, scales, re-configures and deletes pipes. */
    OPERATOR("Operator", "Manages pipes"),
    /** Operator, plus manages accounts and organization connections. */
    ADMIN("Admin", "Manages pipes, accounts and organization keys");

    private final String label;
    private final String description;

    Role(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The Spring Security authority name, e.g. {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** The lower of two roles: what a token may do when its owner's role has since been lowered. */
    public static Role lowerOf(Role a, Role b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
