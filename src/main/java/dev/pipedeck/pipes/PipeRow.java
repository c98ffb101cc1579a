package dev.pipedeck.pipes;

import dev.pipedeck.cloud.CloudProblem;

/**
 * One row of the pipes list, read again for a row that keeps itself current: the pipe, or that it is gone, or the
 * problem that kept it from being read.
 *
 * @param ref where the pipe lives
 * @param pipe the pipe as listed now, or null when it is gone or could not be read
 * @param problem why it could not be read, or null
 */
public record PipeRow(PipeRef ref, PipeSummary pipe, CloudProblem problem) {

    /** The service no longer lists the pipe (deleted meanwhile). */
    public boolean gone() {
        return pipe == null && problem == null;
    }
}
