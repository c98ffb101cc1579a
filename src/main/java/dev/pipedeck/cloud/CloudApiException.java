package dev.pipedeck.cloud;

/**
 * ClickHouse Cloud answered with an error, parsed from its envelope {@code {"status":N,"requestId":"…","error":"CODE:
 * message"}}. Show {@link #message()} and {@link #requestId()}: support asks for the request id.
 */
public class CloudApiException extends CloudException {

    private final int status;
    private final String code;
    private final String message;
    private final String requestId;

    /**
     * @param status HTTP status of the answer
     * @param code error code such as {@code BAD_REQUEST}
     * @param message what went wrong, without the code
     * @param requestId id ClickHouse Cloud gave the request, or null when the answer had none
     */
    public CloudApiException(int status, String code, String message, String requestId) {
        super(describe(status, code, message, requestId), null);
        this.status = status;
        this.code = code;
        this.message = message;
        this.requestId = requestId;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** The request id, or null. */
    public String requestId() {
        return requestId;
    }

    private static String describe(int status, String code, String message, String requestId) {
        String text = message + " (HTTP " + status + " " + code;
        return requestId == null ? text + ")" : text + ", request id " + requestId + ")";
    }
}
