package dev.pipedeck.cloud;

/** ClickHouse Cloud could not be reached, or did not answer in time; no HTTP answer came back. */
public class CloudUnavailableException extends CloudException {

    public CloudUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
