package dev.pipedeck.wizard;

import java.util.Map;

import dev.pipedeck.cloud.CloudProblem;

/**
 * What became of Create: the new pipe's id; or a step whose fields are wrong (nothing sent); or ClickHouse Cloud's
 * refusal (the draft kept whole, to fix and retry); or another click already creating or created the pipe.
 */
public record CreateOutcome(String pipeId, int invalidStep, Map<String, String> errors, CloudProblem problem,
        boolean alreadyUnderWay) {

    static CreateOutcome created(String pipeId) {
        return new CreateOutcome(pipeId, 0, Map.of(), null, false);
    }

    static CreateOutcome invalid(int step, Map<String, String> errors) {
        return new CreateOutcome(null, step, errors, null, false);
    }

    static CreateOutcome refused(CloudProblem problem) {
        return new CreateOutcome(null, 0, Map.of(), problem, false);
    }

    static CreateOutcome underWay(String pipeIdIfCreated) {
        return new CreateOutcome(pipeIdIfCreated, 0, Map.of(), null, true);
    }

    public boolean created() {
        return pipeId != null;
    }
}
