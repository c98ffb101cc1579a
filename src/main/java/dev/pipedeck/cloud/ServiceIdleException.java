package dev.pipedeck.cloud;

/**
 * HTTP 424: the ClickHouse service scaled to zero and ClickPipes calls fail until it runs again. Wake it with
 * {@link ClickHouseCloudClient#instanceStateUpdate} and {@link ServiceCommand#START}.
 */
public class ServiceIdleException extends CloudApiException {

    /**
     * @param message ClickHouse Cloud's own words (such as "Service … is not in a running state. Current state:
     *                idle"), without the code
     */
    public ServiceIdleException(String code, String message, String requestId) {
        super(424, code, message == null || message.isBlank() ? "the service is idle" : message, requestId);
    }
}
