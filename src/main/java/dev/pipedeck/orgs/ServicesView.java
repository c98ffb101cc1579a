package dev.pipedeck.orgs;

import java.util.List;

import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.Service;

/** A connection with its services as ClickHouse Cloud lists them, or the problem that kept them from being read. */
public record ServicesView(OrgConnection connection, List<Service> services, CloudProblem problem) {

    public boolean failed() {
        return problem != null;
    }
}
