package dev.pipedeck.alerts;

/**
 * How one try to send went: delivered, failed for now (worth another try), or failed for good (a refusal another try
 * would not change, such as HTTP 404 or a redirect). {@code detail} never holds a URL's path, query or a header value.
 */
public record DeliveryResult(boolean delivered, boolean permanent, String detail) {

    static DeliveryResult delivered(String detail) {
        return new DeliveryResult(true, false, detail);
    }

    static DeliveryResult retry(String error) {
        return new DeliveryResult(false, false, error);
    }

    static DeliveryResult giveUp(String error) {
        return new DeliveryResult(false, true, error);
    }
}
