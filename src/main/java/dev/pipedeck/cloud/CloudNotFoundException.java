package dev.pipedeck.cloud;

/** HTTP 404: the organization, service, pipe or endpoint does not exist, or the key cannot see it. */
public class CloudNotFoundException extends CloudApiException {

    public CloudNotFoundException(String code, String message, String requestId) {
        super(404, code, message, requestId);
    }
}
