package dev.pipedeck.cloud;

/**
 * The request reached ClickHouse Cloud (or may have), but no answer came within the response timeout. For a change
 * the outcome is unknown: it may or may not have taken effect, so nothing repeats it blindly.
 */
public class CloudNoAnswerException extends CloudUnavailableException {

    public CloudNoAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
