package dev.pipedeck.audit;

import java.util.List;

/**
 * The audit log's rules for what is secret, for pages that show upstream objects: a value under a secret-looking
 * field name (password, secretKey, connectionString, serviceAccountKey, …) is replaced by {@value #MASK}, and
 * secret-looking parts of text (passwords in URLs, PEM private keys) are masked.
 */
public final class SecretMasking {

    public static final String MASK = AuditRedactor.REDACTED;

    private SecretMasking() {
    }

    /** Whether a field of this name holds a secret. */
    public static boolean isSecretName(String fieldName) {
        return AuditRedactor.isSecretName(fieldName);
    }

    /** The object (record, map or JSON tree) as JSON text with every secret masked. */
    public static String maskedJson(Object value) {
        return AuditRedactor.redactedJson(value, List.of());
    }

    /** As {@link #maskedJson(Object)}, also masking these known secret values wherever they appear in text. */
    public static String maskedJson(Object value, java.util.Collection<String> secretValues) {
        return AuditRedactor.redactedJson(value, secretValues);
    }

    /** Text with secret-looking parts masked. */
    public static String maskedText(String text) {
        return AuditRedactor.redactText(text, List.of());
    }
}
