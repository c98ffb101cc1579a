package dev.pipedeck.pipes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.pipedeck.cloud.CloudProblem;

/**
 * One table mapping change being carried out in the background: pause the pipe, wait until it is Paused, apply the
 * change, wait until it has settled, start it again. Each step's status, message and (when ClickHouse Cloud refused)
 * requestId are kept for the progress page. Kept in memory only; thread-safe.
 */
public final class TableMappingJob {

    static final int PAUSE = 0;
    static final int WAIT_PAUSED = 1;
    static final int APPLY = 2;
    static final int WAIT_APPLIED = 3;
    static final int START = 4;

    private static final List<String> TITLES = List.of("Pause the pipe", "Wait until it is Paused",
            "Apply the table mapping change", "Wait until the change is applied", "Start the pipe again");

    /** Where a step is. */
    public enum Status {
        PENDING, RUNNING, DONE, SKIPPED, FAILED;

        public String label() {
            return name().charAt(0) + name().substring(1).toLowerCase();
        }

        /** The badge colour class for the page. */
        public String tone() {
            return switch (this) {
                case DONE -> "ok";
                case FAILED -> "danger";
                case RUNNING -> "transient";
                default -> "neutral";
            };
        }
    }

    /** One step as the page shows it. */
    public record Step(String title, Status status, String message, Integer httpStatus, String requestId) {
    }

    /** The job as the page shows it at one moment. */
    public record View(String id, PipeRef pipe, String pipeName, String owner, Instant startedAt, Instant finishedAt,
            List<Step> steps, List<String> added, List<String> removed, String summary, boolean succeeded) {

        public boolean running() {
            return finishedAt == null;
        }

        public boolean failed() {
            return finishedAt != null && !succeeded;
        }

        public String path() {
            return pipe.path() + "/edit/jobs/" + id;
        }
    }

    private final String id;
    private final PipeRef pipe;
    private final String pipeName;
    private final String owner;
    private final MappingChange change;
    private final Clock clock;
    private final Instant startedAt;
    private final List<Step> steps = new ArrayList<>();
    private Instant finishedAt;
    private String summary;
    private boolean succeeded;

    TableMappingJob(String id, PipeRef pipe, String pipeName, String owner, MappingChange change, Clock clock) {
        this.id = id;
        this.pipe = pipe;
        this.pipeName = pipeName;
        this.owner = owner;
        this.change = change;
        this.clock = clock;
        this.startedAt = clock.instant();
        for (String title : TITLES) {
            steps.add(new Step(title, Status.PENDING, null, null, null));
        }
    }

    String id() {
        return id;
    }

    PipeRef pipe() {
        return pipe;
    }

    String pipeName() {
        return pipeName;
    }

    String owner() {
        return owner;
    }

    MappingChange change() {
        return change;
    }

    synchronized boolean isRunning() {
        return finishedAt == null;
    }

    synchronized Instant finishedAt() {
        return finishedAt;
    }

    synchronized void running(int step, String message) {
        set(step, Status.RUNNING, message, null);
    }

    synchronized void done(int step, String message) {
        set(step, Status.DONE, message, null);
    }

    synchronized void skipped(int step, String message) {
        set(step, Status.SKIPPED, message, null);
    }

    synchronized void failed(int step, String message, CloudProblem problem) {
        set(step, Status.FAILED, message, problem);
    }

    synchronized Status status(int step) {
        return steps.get(step).status();
    }

    /** Marks the steps not reached as skipped, for {@code reason}. */
    synchronized void skipRemaining(String reason) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).status() == Status.PENDING) {
                set(i, Status.SKIPPED, reason, null);
            }
        }
    }

    synchronized void finish(boolean succeeded, String summary) {
        skipRemaining("Not attempted.");
        this.succeeded = succeeded;
        this.summary = summary;
        this.finishedAt = clock.instant();
    }

    synchronized View view() {
        return new View(id, pipe, pipeName, owner, startedAt, finishedAt, List.copyOf(steps),
                change.additions().stream().map(MappedTable::label).toList(),
                change.removals().stream().map(MappedTable::label).toList(), summary, succeeded);
    }

    private void set(int step, Status status, String message, CloudProblem problem) {
        String title = steps.get(step).title();
        steps.set(step, new Step(title, status, message, problem == null ? null : problem.status(),
                problem == null ? null : problem.requestId()));
    }
}
