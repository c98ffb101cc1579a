package dev.pipedeck.secrets;

import java.nio.file.Path;

/** Where the master keyset was read from. {@code file} is null for {@link Origin#MASTER_KEY}. */
public record MasterKeySource(Origin origin, Path file) {

    /** The three places a keyset can come from, in the order they are looked at. */
    public enum Origin {
        /** {@code PIPEDECK_MASTER_KEY}: the JSON keyset, base64-encoded. */
        MASTER_KEY,
        /** {@code PIPEDECK_MASTER_KEY_FILE}: a path to the JSON keyset. */
        MASTER_KEY_FILE,
        /** {@code master-key.json} in the data dir, generated on first start with the embedded database. */
        GENERATED_FILE
    }

    static MasterKeySource masterKey() {
        return new MasterKeySource(Origin.MASTER_KEY, null);
    }

    static MasterKeySource masterKeyFile(Path file) {
        return new MasterKeySource(Origin.MASTER_KEY_FILE, file);
    }

    static MasterKeySource generatedFile(Path file) {
        return new MasterKeySource(Origin.GENERATED_FILE, file);
    }

    /** For messages, after "the master key from": e.g. {@code PIPEDECK_MASTER_KEY_FILE (/etc/pipedeck/key.json)}. */
    public String description() {
        return switch (origin) {
            case MASTER_KEY -> "PIPEDECK_MASTER_KEY";
            case MASTER_KEY_FILE -> "PIPEDECK_MASTER_KEY_FILE (" + file + ")";
            case GENERATED_FILE -> "the generated key file " + file;
        };
    }

    @Override
    public String toString() {
        return description();
    }
}
