package dev.pipedeck.cloud;

/**
 * HTTP 424: the ClickHouse service scaled to zero and ClickPipes calls fail until it runs again. Wake it with
 * {@link ClickHouseCloudClient#instanceStateUpdate} and {@link ServiceCommand#START}.
 */
public class ServiceIdleException extends CloudApiException {

    public ServiceIdleException(String code, String requestId) {
        super(424, code, "the service is idle", requestId);
    }
}
