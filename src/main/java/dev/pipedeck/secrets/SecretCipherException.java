package dev.pipedeck.secrets;

/** A secret could not be encrypted or decrypted. The message names the row, never the plaintext or the key. */
public class SecretCipherException extends RuntimeException {

    SecretCipherException(String message) {
        super(message);
    }
}
