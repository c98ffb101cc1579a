package dev.pipedeck.secrets;

/** Key rotation cannot be done by Pipedeck for this keyset, or writing the rotated keyset failed. */
public class KeyRotationException extends IllegalStateException {

    KeyRotationException(String message) {
        super(message);
    }
}
