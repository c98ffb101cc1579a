package dev.pipedeck.pipes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ReversePrivateEndpoint;

/**
 * How creating an endpoint or changing its DNS names ended: the endpoint as ClickHouse Cloud answered it; or messages
 * for the fields that broke a rule (nothing was sent); or the API's problem; or, for DNS names, a conflict: someone
 * changed the names since the page loaded ({@code currentNames}, and nothing was sent).
 */
public record EndpointChange(ReversePrivateEndpoint endpoint, Map<String, String> fieldErrors, CloudProblem problem,
        List<String> currentNames) {

    static EndpointChange done(ReversePrivateEndpoint endpoint) {
        return new EndpointChange(endpoint, Map.of(), null, null);
    }

    static EndpointChange refused(Map<String, String> fieldErrors) {
        return new EndpointChange(null, Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors)), null, null);
    }

    static EndpointChange failed(CloudProblem problem) {
        return new EndpointChange(null, Map.of(), problem, null);
    }

    static EndpointChange conflict(List<String> currentNames) {
        return new EndpointChange(null, Map.of(), null, List.copyOf(currentNames));
    }

    public boolean succeeded() {
        return fieldErrors.isEmpty() && problem == null && currentNames == null;
    }

    public boolean isConflict() {
        return currentNames != null;
    }
}
