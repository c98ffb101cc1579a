package dev.pipedeck.secrets;

import java.nio.file.Path;

/** The outcome of {@link KeyRotation#rotateGeneratedKeyFile()}: the new primary key takes effect after a restart. */
public record KeyFileRotation(Path file, int previousPrimaryKeyId, int newPrimaryKeyId, int keyCount) {

    /** For the operator: what changed and what to do next. */
    public String message() {
        return "Added key " + Integer.toUnsignedString(newPrimaryKeyId) + " to " + file + " and made it primary ("
                + keyCount + " keys; the old ones stay, to decrypt). Restart Pipedeck for the new key to take "
                + "effect, then re-encrypt the stored secrets. Back up the updated file.";
    }
}
