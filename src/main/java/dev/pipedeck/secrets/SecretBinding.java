package dev.pipedeck.secrets;

import java.nio.charset.StandardCharsets;

/**
 * The row a ciphertext belongs to. Its {@link #associatedData()} ({@code "table:rowId"}) is authenticated with the
 * ciphertext, so a ciphertext copied into another row, or another table, no longer decrypts.
 */
public record SecretBinding(String table, String rowId) {

    public SecretBinding {
        if (table == null || table.isBlank() || table.indexOf(':') >= 0) {
            throw new IllegalArgumentException("table must be a non-blank name without ':'");
        }
        if (rowId == null || rowId.isBlank()) {
            throw new IllegalArgumentException("rowId must not be blank");
        }
    }

    public SecretBinding(String table, long rowId) {
        this(table, Long.toString(rowId));
    }

    /** {@code "table:rowId"} in UTF-8, e.g. {@code "org_connection:42"}. */
    public byte[] associatedData() {
        return (table + ":" + rowId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return table + ":" + rowId;
    }
}
