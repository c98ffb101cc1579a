package dev.pipedeck.pipes;

import dev.pipedeck.cloud.CloudProblem;

/**
 * How an edit ended, for the page: done (with a message to flash, or the id of the job now carrying it out), refused
 * for the reasons in {@code problems} (nothing sent), failed upstream ({@code problem}: message and requestId), or
 * stopped by a concurrent change ({@code conflict}: nothing sent).
 */
public record EditOutcome(String message, String jobId, FormProblems problems, CloudProblem problem,
        PipeConflict conflict) {

    static EditOutcome done(String message) {
        return new EditOutcome(message, null, FormProblems.none(), null, null);
    }

    static EditOutcome jobStarted(String jobId) {
        return new EditOutcome(null, jobId, FormProblems.none(), null, null);
    }

    static EditOutcome invalid(FormProblems problems) {
        return new EditOutcome(null, null, problems, null, null);
    }

    static EditOutcome failed(CloudProblem problem) {
        return new EditOutcome(null, null, FormProblems.none(), problem, null);
    }

    static EditOutcome conflict(PipeConflict conflict) {
        return new EditOutcome(null, null, FormProblems.none(), null, conflict);
    }

    public boolean succeeded() {
        return problems.isEmpty() && problem == null && conflict == null;
    }
}
