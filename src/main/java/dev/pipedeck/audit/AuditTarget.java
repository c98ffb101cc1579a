package dev.pipedeck.audit;

/**
 * What an action was done to, as far as it is known: an organization, a service, a pipe (ids and names), or a team
 * account (its username). Any part may be null.
 */
public record AuditTarget(String organizationId, String organizationName, String serviceId, String serviceName,
        String pipeId, String pipeName, String account) {

    public static final AuditTarget NONE = new AuditTarget(null, null, null, null, null, null, null);

    public static AuditTarget account(String username) {
        return new AuditTarget(null, null, null, null, null, null, username);
    }

    public static AuditTarget organization(String organizationId, String organizationName) {
        return new AuditTarget(organizationId, organizationName, null, null, null, null, null);
    }

    public static AuditTarget service(String organizationId, String organizationName, String serviceId,
            String serviceName) {
        return new AuditTarget(organizationId, organizationName, serviceId, serviceName, null, null, null);
    }

    public static AuditTarget pipe(String organizationId, String organizationName, String serviceId,
            String serviceName, String pipeId, String pipeName) {
        return new AuditTarget(organizationId, organizationName, serviceId, serviceName, pipeId, pipeName, null);
    }

    /** The same target, naming the pipe (for instance once a create call has returned the new pipe's id). */
    public AuditTarget withPipe(String pipeId, String pipeName) {
        return new AuditTarget(organizationId, organizationName, serviceId, serviceName, pipeId, pipeName, account);
    }
}
