package dev.pipedeck.pipes;

import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipe;

/**
 * How a change asked of ClickHouse Cloud ended, for a page to show: the answer, or the problem (the API's message and
 * requestId), or a conflict: someone changed the pipe since the user looked at it ({@code current} is what it is now,
 * and nothing was sent).
 */
public record ChangeOutcome<T>(T value, CloudProblem problem, ClickPipe current) {

    public static <T> ChangeOutcome<T> done(T value) {
        return new ChangeOutcome<>(value, null, null);
    }

    public static <T> ChangeOutcome<T> failed(CloudProblem problem) {
        return new ChangeOutcome<>(null, problem, null);
    }

    public static <T> ChangeOutcome<T> conflict(ClickPipe current) {
        return new ChangeOutcome<>(null, null, current);
    }

    public boolean succeeded() {
        return problem == null && current == null;
    }

    public boolean isConflict() {
        return current != null;
    }
}
