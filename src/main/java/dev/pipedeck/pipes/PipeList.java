package dev.pipedeck.pipes;

import java.util.List;

import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.orgs.OrgConnection;

/** A service's pipes as the list page shows them, or the problem that kept them from being read. */
public record PipeList(OrgConnection connection, String serviceId, String serviceName, List<PipeSummary> pipes,
        CloudProblem problem) {
}
