package dev.pipedeck.audit;

/**
 * Who did it: a username (or {@code anonymous}, or {@code system} for Pipedeck itself) and the role they had at
 * the time (null when there is none).
 */
public record AuditActor(String username, String role) {

    public static final String ANONYMOUS = "anonymous";
    public static final String SYSTEM = "system";

    public AuditActor {
        if (username == null || username.isBlank()) {
            username = ANONYMOUS;
        }
    }

    public static AuditActor of(String username, String role) {
        return new AuditActor(username, role);
    }

    public static AuditActor anonymous() {
        return new AuditActor(ANONYMOUS, null);
    }

    public static AuditActor system() {
        return new AuditActor(SYSTEM, null);
    }
}
