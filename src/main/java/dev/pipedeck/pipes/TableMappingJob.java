package dev.pipedeck.pipes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.pipedeck.cloud.CloudProblem;

/**
 * One table mapping change being carried out in the background by the instance that started it: pause the pipe, wait
 * until it is Paused, apply the change, wait until it has settled, start it again. Each step's status, message and
 * (when ClickHouse Cloud refused) HTTP status and requestId are written to the database as they change, where every
 * instance reads them for the progress page ({@link View}). Thread-safe.
 *
 * <p>When the database says this instance no longer runs the job (it was marked interrupted after its heartbeat
 * stopped, and perhaps another change of the pipe began), the next step throws {@link Lost}, so the job stops
 * touching the pipe.
 */
public final class TableMappingJob {

    static final int PAUSE = 0;
    static final int WAIT_PAUSED = 1;
    static final int APPLY = 2;
    static final int WAIT_APPLIED = 3;
    static final int START = 4;

    static final List<String> TITLES = List.of("Pause the pipe", "Wait until it is Paused",
            "Apply the table mapping change", "Wait until the change is applied", "Start the pipe again");

    /** What the page says of a job whose instance stopped renewing its heartbeat. */
    static final String INTERRUPTED_SUMMARY = "Interrupted — the Pipedeck instance running it stopped; check the "
            + "pipe's state before retrying.";

    /** Where a step is. INTERRUPTED is only shown: the step that was running when its job's instance stopped. */
    public enum Status {
        PENDING, RUNNING, DONE, SKIPPED, FAILED, INTERRUPTED;

        public String label() {
            return name().charAt(0) + name().substring(1).toLowerCase();
        }

        /** The badge colour class for the page. */
        public String tone() {
            return switch (this) {
                case DONE -> "ok";
                case FAILED -> "danger";
                case INTERRUPTED -> "warn";
                case RUNNING -> "transient";
                default -> "neutral";
            };
        }
    }

    /** Where the whole job is. */
    public enum Outcome {
        RUNNING, SUCCEEDED, FAILED, INTERRUPTED
    }

    /** One step as the page shows it. */
    public record Step(String title, Status status, String message, Integer httpStatus, String requestId) {
    }

    /** The job as the page shows it at one moment, read from the database. */
    public record View(String id, PipeRef pipe, String pipeName, String owner, Instant startedAt, Instant finishedAt,
            List<Step> steps, List<String> added, List<String> removed, String summary, Outcome outcome) {

        public boolean running() {
            return outcome == Outcome.RUNNING;
        }

        public boolean succeeded() {
            return outcome == Outcome.SUCCEEDED;
        }

        public boolean failed() {
            return outcome == Outcome.FAILED;
        }

        public boolean interrupted() {
            return outcome == Outcome.INTERRUPTED;
        }

        /** The progress card's heading. */
        public String heading() {
            return switch (outcome) {
                case RUNNING -> "In progress";
                case SUCCEEDED -> "Done";
                case FAILED -> "Failed";
                case INTERRUPTED -> "Interrupted";
            };
        }

        /** The summary's flash class. */
        public String flash() {
            return switch (outcome) {
                case SUCCEEDED -> "flash-success";
                case INTERRUPTED -> "flash-warn";
                default -> "flash-error";
            };
        }

        public String path() {
            return pipe.path() + "/edit/jobs/" + id;
        }

        /**
         * This view as it is once its instance is known to have stopped: the step that was running shows as
         * interrupted, the steps not reached as not attempted, and the summary says what happened.
         */
        View interruptedAt(Instant when) {
            List<Step> shown = steps.stream().map(step -> switch (step.status()) {
                case RUNNING -> new Step(step.title(), Status.INTERRUPTED, step.message(), step.httpStatus(),
                        step.requestId());
                case PENDING -> new Step(step.title(), Status.SKIPPED, "Not attempted.", null, null);
                default -> step;
            }).toList();
            return new View(id, pipe, pipeName, owner, startedAt, finishedAt == null ? when : finishedAt, shown, added,
                    removed, INTERRUPTED_SUMMARY, Outcome.INTERRUPTED);
        }
    }

    /** Thrown by a step when the database says this instance no longer runs the job. */
    static final class Lost extends RuntimeException {

        Lost(String jobId) {
            super("table mapping change " + jobId + " is no longer run by this instance");
        }
    }

    private final String id;
    private final PipeRef pipe;
    private final String pipeName;
    private final String owner;
    private final MappingChange change;
    private final Instant startedAt;
    private final StoredTableMappingJobs store;
    private final List<Step> steps = new ArrayList<>();
    private volatile boolean lost;

    TableMappingJob(String id, PipeRef pipe, String pipeName, String owner, MappingChange change, Instant startedAt,
            StoredTableMappingJobs store) {
        this.id = id;
        this.pipe = pipe;
        this.pipeName = pipeName;
        this.owner = owner;
        this.change = change;
        this.startedAt = startedAt;
        this.store = store;
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

    Instant startedAt() {
        return startedAt;
    }

    synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Whether the database said this instance no longer runs the job. */
    boolean isLost() {
        return lost;
    }

    /** Notes that the database no longer names this instance as the job's runner; the next step throws. */
    void lose() {
        lost = true;
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

    /** Ends the job: the steps not reached are marked as not attempted, then the outcome and summary are stored. */
    synchronized void finish(boolean succeeded, String summary) {
        if (lost) {
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).status() == Status.PENDING) {
                steps.set(i, new Step(steps.get(i).title(), Status.SKIPPED, "Not attempted.", null, null));
            }
        }
        if (!store.finish(this, succeeded, summary)) {
            lost = true;
        }
    }

    private void set(int step, Status status, String message, CloudProblem problem) {
        if (lost) {
            throw new Lost(id);
        }
        String title = steps.get(step).title();
        Step updated = new Step(title, status, message, problem == null ? null : problem.status(),
                problem == null ? null : problem.requestId());
        steps.set(step, updated);
        if (!store.recordStep(this, step, updated)) {
            lost = true;
            throw new Lost(id);
        }
    }
}
