package dev.pipedeck.secrets;

import java.util.Objects;

/** One stored ciphertext (base64 text, as {@link SecretCipher#encrypt} made it) and the row it is bound to. */
public record StoredSecret(SecretBinding binding, String ciphertext) {

    public StoredSecret {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    /** Names the row only. */
    @Override
    public String toString() {
        return "StoredSecret[" + binding + "]";
    }
}
