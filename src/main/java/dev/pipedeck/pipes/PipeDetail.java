package dev.pipedeck.pipes;

import java.util.List;

import dev.pipedeck.audit.AuditRecord;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.orgs.OrgConnection;

/** A pipe's page: where it lives, the pipe (or why it could not be read) and its recent audit records. */
public record PipeDetail(OrgConnection connection, PipeRef ref, String serviceName, PipeView pipe,
        CloudProblem problem, List<AuditRecord> history) {

    public boolean found() {
        return pipe != null;
    }
}
