package dev.pipedeck.pipes;

import java.util.List;

import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.orgs.OrgConnection;

/**
 * One connected organization on the dashboard: its services as tiles, or the problem that kept them from being
 * listed.
 */
public record OrganizationOverview(OrgConnection connection, List<ServiceTile> services, CloudProblem problem) {

    static OrganizationOverview listed(OrgConnection connection, List<ServiceTile> services) {
        return new OrganizationOverview(connection, List.copyOf(services), null);
    }

    static OrganizationOverview failed(OrgConnection connection, CloudProblem problem) {
        return new OrganizationOverview(connection, List.of(), problem);
    }

    public boolean failed() {
        return problem != null;
    }

    /** How many pipes of all its services need attention. */
    public int attentionCount() {
        return services.stream().mapToInt(tile -> tile.attention().size()).sum();
    }
}
