package dev.pipedeck.users;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.audit.AuditTarget;

/**
 * The audit records of account changes: a success is recorded in the change's own transaction; a change the rules
 * refuse is recorded as {@code invalid} on its own (the change's transaction rolls back).
 */
@Component
class AccountAudit {

    static final String CREATED = "account.created";
    static final String SETUP = "account.setup";
    static final String ROLE_CHANGED = "account.role.changed";
    static final String DISABLED = "account.disabled";
    static final String ENABLED = "account.enabled";
    static final String PASSWORD_RESET = "account.password.reset";
    static final String PASSWORD_CHANGED = "account.password.changed";

    private final AuditLog audit;

    AccountAudit(AuditLog audit) {
        this.audit = audit;
    }

    /** An entry about an account, with what was sent (passwords in it are redacted, and scrubbed as values). */
    static AuditEntry.Builder entry(String action, String username, Map<String, Object> request, String... secrets) {
        return AuditEntry.of(action)
                .target(AuditTarget.account(Usernames.normalize(username)))
                .request(request)
                .secretValues(secrets);
    }

    static Map<String, Object> request(Object... keysAndValues) {
        Map<String, Object> request = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            request.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return request;
    }

    /** Runs the change; when the rules refuse it, records the refusal as invalid and rethrows. */
    <T> T refusalsRecorded(AuditEntry.Builder entry, Supplier<T> change) {
        try {
            return change.get();
        } catch (AccountRuleViolation refused) {
            audit.recordIndependently(entry.invalid(refused.getMessage()).build());
            throw refused;
        }
    }

    /** Records the change in the caller's transaction (fails closed: the change rolls back when this fails). */
    void recordSuccess(AuditEntry.Builder entry) {
        audit.record(entry.build());
    }
}
