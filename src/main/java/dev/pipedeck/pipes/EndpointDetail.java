package dev.pipedeck.pipes;

import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.orgs.OrgConnection;

/** One reverse private endpoint for its page, or the problem that kept it from being read. */
public record EndpointDetail(OrgConnection connection, String serviceId, String serviceName, EndpointView endpoint,
        CloudProblem problem) {
}
