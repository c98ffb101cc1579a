package dev.pipedeck.pipes;

import java.util.List;

import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.orgs.OrgConnection;

/** A service's reverse private endpoints as the page shows them, or the problem that kept them from being read. */
public record EndpointList(OrgConnection connection, String serviceId, String serviceName,
        List<EndpointView> endpoints, CloudProblem problem) {

    /** Some endpoint is still settling (provisioning, deleting, awaiting acceptance): the page refreshes its table. */
    public boolean settling() {
        return endpoints.stream().anyMatch(EndpointView::settling);
    }
}
