package dev.pipedeck.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a recorded action ended. The codes are stored and exported; they never change. */
public enum AuditOutcome {
    /** Done. */
    SUCCESS("success", "Success"),
    /** Refused for lack of permission or credentials (403, a failed or throttled sign-in). */
    DENIED("denied", "Denied"),
    /** Refused because the request broke a rule or did not validate. */
    INVALID("invalid", "Invalid"),
    /** ClickHouse Cloud answered with an error, or could not be reached. */
    UPSTREAM_ERROR("upstream_error", "Upstream error"),
    /** A call to ClickHouse Cloud is about to be made; a later record with this one's id as attempt holds the result. */
    ATTEMPT("attempt", "Attempt");

    private final String code;
    private final String label;

    AuditOutcome(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<AuditOutcome> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.code.equals(wanted)).findFirst();
    }
}
