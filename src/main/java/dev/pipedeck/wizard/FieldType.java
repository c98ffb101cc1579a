package dev.pipedeck.wizard;

/** How a wizard field is typed in and checked. */
public enum FieldType {
    /** One line of text. */
    TEXT,
    /** Several lines (certificates, filters). */
    TEXTAREA,
    /** A whole number, checked against the field's range. */
    INTEGER,
    /** One of the field's options. */
    SELECT,
    /** On or off ("true" or absent). */
    CHECKBOX,
    /** An http(s) URL. */
    URL,
    /** An AWS ARN ({@code arn:aws…:service:region:account:resource}). */
    ARN,
    /** An ISO-8601 instant, e.g. {@code 2026-01-31T12:00:00Z}. */
    INSTANT,
    /** A secret typed once: kept encrypted in the draft, never rendered back, never audited. */
    SECRET,
    /** A secret JSON document (a service account key): uploaded or pasted, kept encrypted like {@link #SECRET}. */
    SECRET_JSON
}
