package dev.pipedeck.secrets;

import java.util.List;
import java.util.Optional;

/**
 * Implemented, as a Spring bean, by every feature that keeps {@link SecretCipher} ciphertext in its tables, so that
 * start-up can check the master key against what is stored ({@link StoredSecretsCheck}) and {@link KeyRotation} can
 * re-encrypt it under the current primary key.
 */
public interface EncryptedSecretStore {

    /** A short name for messages and re-encryption counts, e.g. {@code "organization API keys"}. */
    String name();

    /** Every stored ciphertext with its binding. */
    List<StoredSecret> all();

    /** Replaces the ciphertext of the row {@code binding} names. */
    void replace(SecretBinding binding, String newCiphertext);

    /**
     * Replaces the ciphertext only if the row still holds {@code expectedCiphertext}, so re-encryption never
     * overwrites a secret changed meanwhile; true if replaced. Override with a conditional update (e.g.
     * {@code UPDATE ... WHERE id = ? AND secret = ?}); the default reads then writes, which is not atomic.
     */
    default boolean replaceIfUnchanged(SecretBinding binding, String expectedCiphertext, String newCiphertext) {
        boolean unchanged = all().stream()
                .anyMatch(s -> s.binding().equals(binding) && s.ciphertext().equals(expectedCiphertext));
        if (unchanged) {
            replace(binding, newCiphertext);
        }
        return unchanged;
    }

    /** One stored ciphertext, if any; override to avoid loading {@link #all()}. */
    default Optional<StoredSecret> first() {
        return all().stream().findFirst();
    }
}
