package dev.pipedeck.cloud;

/** HTTP 401: the key id or secret is wrong, or the key is disabled or expired. */
public class CloudUnauthorizedException extends CloudApiException {

    public CloudUnauthorizedException(String code, String message, String requestId) {
        super(401, code, message, requestId);
    }
}
