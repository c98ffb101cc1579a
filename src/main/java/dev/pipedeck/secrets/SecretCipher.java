package dev.pipedeck.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Encrypts secrets for storage with the {@link MasterKeyset}'s primary key (AES-256-GCM through Tink) and decrypts
 * them with whichever key of the keyset made them. Each ciphertext is bound to its row by {@link SecretBinding}.
 * Ciphertext is base64 text, for a varchar/text column.
 */
public class SecretCipher {

    private final MasterKeyset keyset;

    public SecretCipher(MasterKeyset keyset) {
        this.keyset = Objects.requireNonNull(keyset, "keyset");
    }

    /** Encrypts {@code plaintext} for the row {@code binding} names; a new random nonce every call. */
    public String encrypt(String plaintext, SecretBinding binding) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(binding, "binding");
        try {
            byte[] ciphertext = keyset.aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
                    binding.associatedData());
            return Base64.getEncoder().encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("Could not encrypt the secret of " + binding);
        }
    }

    /**
     * Decrypts a ciphertext made by {@link #encrypt} for the same binding.
     *
     * @throws SecretCipherException when no key of the keyset decrypts it, it belongs to another row, or it is damaged
     */
    public String decrypt(String ciphertext, SecretBinding binding) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(binding, "binding");
        byte[] decoded = decode(ciphertext, binding);
        try {
            return new String(keyset.aead().decrypt(decoded, binding.associatedData()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("Could not decrypt the secret of " + binding
                    + ": it was encrypted with a key this keyset does not hold, for another row, or it is damaged");
        }
    }

    /** The id of the key that encrypts. */
    public int primaryKeyId() {
        return keyset.primaryKeyId();
    }

    /**
     * Whether {@code ciphertext} carries the primary key's output prefix (0x01 + its 4-byte key id), so re-encryption
     * can skip it. Always false under a RAW primary key, whose ciphertexts carry no key id.
     */
    public boolean isUnderPrimaryKey(String ciphertext) {
        byte[] prefix = keyset.primaryOutputPrefix();
        if (prefix.length == 0 || ciphertext == null) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(ciphertext);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return decoded.length > prefix.length
                && Arrays.equals(decoded, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The keyset in use: its source, primary key id and size. */
    public MasterKeyset keyset() {
        return keyset;
    }

    private static byte[] decode(String ciphertext, SecretBinding binding) {
        try {
            return Base64.getDecoder().decode(ciphertext);
        } catch (IllegalArgumentException e) {
            throw new SecretCipherException("The stored secret of " + binding + " is not base64 text");
        }
    }

    @Override
    public String toString() {
        return "SecretCipher[" + keyset + "]";
    }
}
