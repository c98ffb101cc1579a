package dev.pipedeck.audit;

/**
 * The audit log could not be written, so the action it was to record is refused (the audit log fails closed: no
 * action succeeds without its record). Propagates out of {@link AuditLog}; the transaction it was joined to rolls
 * back.
 */
public class AuditUnavailableException extends RuntimeException {

    public static final String USER_MESSAGE =
            "Nothing was changed: the audit log could not be written, and Pipedeck refuses changes it cannot record. "
                    + "Try again in a moment; if it persists, tell your admin.";

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
