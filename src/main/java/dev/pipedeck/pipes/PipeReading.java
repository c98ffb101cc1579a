package dev.pipedeck.pipes;

import dev.pipedeck.cloud.CloudProblem;

/** A pipe as just read, or the problem that kept it from being read (for the parts of a page that refresh). */
public record PipeReading(PipeView pipe, CloudProblem problem) {

    public boolean found() {
        return pipe != null;
    }
}
