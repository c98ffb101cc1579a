package dev.pipedeck.pipes;

import java.util.List;

import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.orgs.OrgConnection;

/**
 * What the edit page shows: the pipe as ClickHouse Cloud holds it (or why it could not be read), which credentials
 * its source takes, its table mappings (database pipes), and a table mapping change of the user's still running.
 *
 * @param runningJobId a change of this pipe the user may follow that is still running, or null
 */
public record PipeEditPage(OrgConnection connection, PipeRef ref, String serviceName, ClickPipe pipe,
        CloudProblem problem, SourceCredentials credentials, TableMappings mappings, String runningJobId) {

    public String pipeName() {
        return pipe != null && pipe.name() != null ? pipe.name() : ref.pipeId();
    }

    /** The row a pipes list shows for it: source label, state and its colour. */
    public PipeSummary summary() {
        return pipe == null ? null : PipeSummary.of(pipe);
    }

    /** BigQuery pipes: the API has no PATCH for them, so the page offers no form. */
    public boolean bigQuery() {
        return pipe != null && pipe.source() != null && "bigquery".equals(pipe.source().kind());
    }

    public boolean editable() {
        return pipe != null && !bigQuery();
    }

    /** What the user sees, as the hidden fields of every form send it back. */
    public String seenUpdatedAt() {
        return pipe == null || pipe.updatedAt() == null ? "" : pipe.updatedAt().toString();
    }

    public String seenState() {
        return pipe == null || pipe.state() == null ? "" : pipe.state().wireName();
    }

    public List<String> seenTables() {
        return pipe == null ? List.of() : TableMappings.labels(pipe);
    }

    /** The pipe's own page, where the detail view lives. */
    public String pipePath() {
        return ref.path();
    }

    public String editPath() {
        return ref.path() + "/edit";
    }
}
