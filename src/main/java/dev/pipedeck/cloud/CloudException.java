package dev.pipedeck.cloud;

/** A call to ClickHouse Cloud failed; the message is fit to show a user and never holds a secret. */
public abstract class CloudException extends RuntimeException {

    protected CloudException(String message, Throwable cause) {
        super(message, cause);
    }
}
