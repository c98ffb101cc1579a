package dev.pipedeck.pipes;

import java.util.Arrays;
import java.util.List;

import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipeState;
import dev.pipedeck.orgs.OrgConnection;

/**
 * A service's pipes as the list page shows them: one page of the filtered, sorted list, or the problem that kept
 * them from being read.
 *
 * @param connection the organization's connection (name, sandbox flag)
 * @param serviceId the service's id
 * @param serviceName its name, or its id when the name could not be read
 * @param query what was asked (filters, sort, page)
 * @param page what matched
 * @param problem why nothing could be listed, or null
 */
public record PipeList(OrgConnection connection, String serviceId, String serviceName, PipeListQuery query,
        PipeListPage page, CloudProblem problem) {

    /** The service has no pipe at all (and that is known, not a failure). */
    public boolean noPipes() {
        return problem == null && page.total() == 0;
    }

    /** The service has pipes, but none passes the filters. */
    public boolean noMatch() {
        return problem == null && page.total() > 0 && page.matching() == 0;
    }

    /** ClickHouse Cloud refused because the service is idle. */
    public boolean serviceIdle() {
        return problem != null && problem.serviceIdle();
    }

    /** The states to filter by, in the spec's order. */
    public List<ClickPipeState> states() {
        return Arrays.asList(ClickPipeState.values());
    }

    /** How the state filter names {@code state}. */
    public String stateLabel(ClickPipeState state) {
        return PipeSummary.label(state);
    }

    /** The source kinds to filter by. */
    public List<PipeSource.Kind> kinds() {
        return Arrays.asList(PipeSource.Kind.values());
    }
}
