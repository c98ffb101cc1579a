package dev.pipedeck.pipes;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutor;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditResult;
import dev.pipedeck.audit.AuditTarget;
import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeCommand;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipeState;

/**
 * Carries out table mapping changes in the background, one per pipe at a time, because ClickHouse Cloud takes them
 * only while the pipe is paused: stop → wait until Paused → PATCH the mappings → wait until it settles → start again
 * (when it was running before), and start again even when the change failed. Every call is audited as the user who
 * asked (their security context travels with the job); waiting reads the pipe fresh every
 * {@link TableMappingJobProperties#pollInterval()}.
 *
 * <p>A job runs on the instance that started it, and lives in the database ({@link StoredTableMappingJobs}): each
 * step is written as it goes, so any instance shows its progress. While it runs, this instance renews its heartbeat
 * every quarter of {@link TableMappingJobProperties#heartbeatTimeout()} (a single call may take longer than that);
 * when the instance dies, the heartbeat stops and the job shows as interrupted. The page checks who may see a job.
 */
@Component
public class TableMappingJobs {

    private static final Logger log = LoggerFactory.getLogger(TableMappingJobs.class);
    private static final Duration CALL_LIMIT = AuditedCloudCalls.CALL_LIMIT;
    /** States in which a pipe counts as running, so it is started again after the change. */
    private static final List<ClickPipeState> RUNNING_STATES = List.of(ClickPipeState.RUNNING, ClickPipeState.DEGRADED,
            ClickPipeState.PROVISIONING, ClickPipeState.SETUP, ClickPipeState.SNAPSHOT, ClickPipeState.MODIFYING,
            ClickPipeState.RESYNC);

    private final AuditedCloudCalls calls;
    private final ClickHouseCloudClient cloud;
    private final StoredTableMappingJobs store;
    private final TableMappingJobProperties properties;
    private final Clock clock;
    private final ExecutorService threads;
    private final ScheduledExecutorService heartbeats;
    /** The jobs this instance is carrying out, whose heartbeat it renews. */
    private final Map<String, TableMappingJob> running = new ConcurrentHashMap<>();

    TableMappingJobs(AuditedCloudCalls calls, ClickHouseCloudClient cloud, StoredTableMappingJobs store,
            TableMappingJobProperties properties, Clock clock) {
        this.calls = calls;
        this.cloud = cloud;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "table-mapping-job-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "table-mapping-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.heartbeatInterval().toMillis();
        heartbeats.scheduleWithFixedDelay(this::renewHeartbeats, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts carrying out {@code change} on this instance as the current user, unless a change of the same pipe is
     * still running on any instance (then empty). {@code target} names the pipe in the audit records.
     */
    Optional<TableMappingJob> start(PipeRef pipe, String pipeName, String owner, MappingChange change,
            AuditTarget target) {
        TableMappingJob job = new TableMappingJob(UUID.randomUUID().toString(), pipe, pipeName, owner, change,
                clock.instant(), store);
        if (!store.begin(job)) {
            return Optional.empty();
        }
        running.put(job.id(), job);
        try {
            asTheCaller().execute(() -> run(job, target));
        } catch (RejectedExecutionException shuttingDown) {
            running.remove(job.id());
            job.finish(false, "Nothing was changed: Pipedeck is shutting down. Try again in a moment.");
        }
        return Optional.of(job);
    }

    /**
     * The pool, running tasks as the current user (so method security and the audit actor see them). A copy of the
     * user's security context: signing out clears the session's own context, and the job must still name its starter.
     */
    private Executor asTheCaller() {
        SecurityContext copy = SecurityContextHolder.createEmptyContext();
        copy.setAuthentication(SecurityContextHolder.getContext().getAuthentication());
        return new DelegatingSecurityContextExecutor(threads, copy);
    }

    /** A job as its page shows it, whichever instance runs it. */
    Optional<TableMappingJob.View> find(String jobId) {
        return store.find(jobId);
    }

    /** The change of {@code pipe} running on any instance, if any. */
    Optional<TableMappingJob.View> runningFor(PipeRef pipe) {
        return store.runningFor(pipe);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        heartbeats.shutdownNow();
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Tells the database this instance still runs its jobs; a job the database no longer gives it stops. */
    private void renewHeartbeats() {
        for (TableMappingJob job : running.values()) {
            try {
                if (!store.heartbeat(job.id())) {
                    log.warn("Table mapping change {} of pipe {} is no longer run by this instance (it was marked "
                            + "interrupted): it stops at its next step", job.id(), job.pipe().pipeId());
                    job.lose();
                    running.remove(job.id());
                }
            } catch (RuntimeException e) {
                log.warn("The heartbeat of table mapping change {} could not be renewed: {}", job.id(), e.getMessage());
            }
        }
    }

    private void run(TableMappingJob job, AuditTarget target) {
        try {
            carryOut(job, target);
        } catch (TableMappingJob.Lost lost) {
            log.warn("Table mapping change {} of pipe {} stopped: the database no longer names this instance as its "
                    + "runner", job.id(), job.pipe().pipeId());
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            job.finish(false, "Pipedeck shut down before the change was finished: check the pipe's state and tables "
                    + "on its page.");
        } catch (RuntimeException e) {
            log.error("Table mapping change {} of pipe {} stopped unexpectedly", job.id(), job.pipe().pipeId(), e);
            job.finish(false, "Pipedeck could not finish the change (" + e.getClass().getSimpleName() + "): check "
                    + "the pipe's state and tables on its page.");
        } finally {
            running.remove(job.id());
        }
    }

    private void carryOut(TableMappingJob job, AuditTarget target) throws InterruptedException {
        PipeRef ref = job.pipe();
        CloudConnection connection = calls.connection(ref.organizationId());
        job.running(TableMappingJob.PAUSE, "Reading the pipe's state…");
        ClickPipe before;
        try {
            before = cloud.clickPipeGetFresh(connection, ref.serviceId(), ref.pipeId()).block(CALL_LIMIT);
        } catch (RuntimeException e) {
            CloudProblem problem = CloudProblem.of(e);
            job.failed(TableMappingJob.PAUSE, "The pipe could not be read: " + problem.message(), problem);
            job.finish(false, "Nothing was changed: the pipe could not be read.");
            return;
        }
        ClickPipeState initial = before.state();
        boolean startAgain = RUNNING_STATES.contains(initial);
        TableMappings mappings = TableMappings.of(before).orElseThrow(() -> new IllegalStateException(
                "pipe " + ref.pipeId() + " has no table mappings"));

        if (initial == ClickPipeState.PAUSED) {
            job.skipped(TableMappingJob.PAUSE, "Already Paused.");
            job.skipped(TableMappingJob.WAIT_PAUSED, "Already Paused.");
        } else {
            ChangeOutcome<ClickPipe> stop = command(target, ClickPipeCommand.STOP, initial, ref);
            if (!stop.succeeded()) {
                job.failed(TableMappingJob.PAUSE, "ClickHouse Cloud did not pause it: " + stop.problem().message(),
                        stop.problem());
                job.finish(false, "Nothing was changed: the pipe could not be paused.");
                return;
            }
            job.done(TableMappingJob.PAUSE, "Stop requested: it was " + wire(initial) + ", now "
                    + wire(stop.value().state()) + ".");
            Settled paused = waitFor(job, TableMappingJob.WAIT_PAUSED, connection, ref,
                    state -> state == ClickPipeState.PAUSED);
            if (!paused.reached()) {
                job.failed(TableMappingJob.WAIT_PAUSED, paused.notReached("Paused"), paused.problem());
                job.skipped(TableMappingJob.APPLY, "Not attempted: the pipe is not Paused.");
                job.skipped(TableMappingJob.WAIT_APPLIED, "Not attempted.");
                boolean started = startAgain(job, target, connection, ref, startAgain, initial, paused.state());
                job.finish(false, "The table mappings were not changed: the pipe did not reach Paused in time. "
                        + (started ? (startAgain ? "It was started again." : "") : "Check its state on its page."));
                return;
            }
            job.done(TableMappingJob.WAIT_PAUSED, "Paused.");
        }

        MappingChange change = job.change();
        List<MappedTable> tablesBefore = mappings.current();
        ClickPipePatchRequest body = mappings.patch(before, change);
        job.running(TableMappingJob.APPLY, describe(change) + "…");
        ChangeOutcome<ClickPipe> applied = calls.call(AuditEntry.of("pipe.update").target(target).channel("web")
                .request(body).build(),
                c -> cloud.clickPipeUpdate(c, ref.serviceId(), ref.pipeId(), body),
                after -> AuditResult.success().withChange(Map.of("tableMappings", labels(tablesBefore)),
                        Map.of("tableMappings", TableMappings.labels(after))));
        boolean changed = applied.succeeded();
        ClickPipeState beforeStart = ClickPipeState.PAUSED;
        if (changed) {
            job.done(TableMappingJob.APPLY, describe(change) + ": done. The pipe has "
                    + change.appliedTo(tablesBefore).size() + " tables.");
            Settled settled = waitFor(job, TableMappingJob.WAIT_APPLIED, connection, ref,
                    state -> !state.isTransitional());
            beforeStart = settled.state();
            if (!settled.reached()) {
                job.failed(TableMappingJob.WAIT_APPLIED, settled.notReached("Paused"), settled.problem());
            } else if (settled.state() != ClickPipeState.PAUSED) {
                job.failed(TableMappingJob.WAIT_APPLIED, "It settled as " + wire(settled.state())
                        + " rather than Paused.", null);
            } else {
                job.done(TableMappingJob.WAIT_APPLIED, "Applied: the pipe is Paused with its new tables.");
            }
        } else {
            job.failed(TableMappingJob.APPLY, applied.problem().message(), applied.problem());
            job.skipped(TableMappingJob.WAIT_APPLIED, "The change was not applied.");
        }

        boolean started = startAgain(job, target, connection, ref, startAgain, initial, beforeStart);
        boolean allDone = changed && started && job.status(TableMappingJob.WAIT_APPLIED) == TableMappingJob.Status.DONE;
        job.finish(allDone, summary(changed, started, startAgain, initial, applied.problem()));
    }

    /** Starts the pipe again when it was running before; answers whether it is as it should be afterwards. */
    private boolean startAgain(TableMappingJob job, AuditTarget target, CloudConnection connection, PipeRef ref,
            boolean wanted, ClickPipeState initial, ClickPipeState current) throws InterruptedException {
        if (!wanted) {
            job.skipped(TableMappingJob.START, "It was " + wire(initial) + " before the change, so it stays paused.");
            return true;
        }
        job.running(TableMappingJob.START, "Starting…");
        ChangeOutcome<ClickPipe> start = command(target, ClickPipeCommand.START, current, ref);
        if (!start.succeeded()) {
            job.failed(TableMappingJob.START, "ClickHouse Cloud did not start it: " + start.problem().message(),
                    start.problem());
            return false;
        }
        Settled running = waitFor(job, TableMappingJob.START, connection, ref, state -> !state.isTransitional());
        if (!running.reached()) {
            job.failed(TableMappingJob.START, running.notReached("Running"), running.problem());
            return false;
        }
        if (running.state() != ClickPipeState.RUNNING) {
            job.failed(TableMappingJob.START, "It is " + wire(running.state()) + " rather than Running.", null);
            return false;
        }
        job.done(TableMappingJob.START, "Running.");
        return true;
    }

    private ChangeOutcome<ClickPipe> command(AuditTarget target, ClickPipeCommand command, ClickPipeState from,
            PipeRef ref) {
        AuditEntry entry = AuditEntry.of("pipe.state." + command.wireName()).target(target).channel("web")
                .request(Map.of("command", command.wireName())).build();
        return calls.call(entry, c -> cloud.clickPipeStateUpdate(c, ref.serviceId(), ref.pipeId(), command),
                after -> AuditResult.success().withChange(Map.of("state", wire(from)),
                        Map.of("state", wire(after.state()))));
    }

    /** Reads the pipe fresh every poll interval until its state satisfies {@code until}, or the timeout passes. */
    private Settled waitFor(TableMappingJob job, int step, CloudConnection connection, PipeRef ref,
            Predicate<ClickPipeState> until) throws InterruptedException {
        job.running(step, "Waiting…");
        long deadline = System.nanoTime() + properties.pauseTimeout().toNanos();
        ClickPipeState last = null;
        CloudProblem problem = null;
        while (true) {
            ClickPipe pipe = null;
            try {
                pipe = cloud.clickPipeGetFresh(connection, ref.serviceId(), ref.pipeId()).block(CALL_LIMIT);
            } catch (RuntimeException e) {
                problem = CloudProblem.of(e);
            }
            if (pipe != null) {
                last = pipe.state();
                problem = null;
                if (last != null && until.test(last)) {
                    return new Settled(last, true, null, properties.pauseTimeout());
                }
                job.running(step, "Now " + wire(last) + "…");
            } else {
                job.running(step, "The pipe could not be read (" + problem.message() + "); trying again…");
            }
            if (System.nanoTime() >= deadline) {
                return new Settled(last, false, problem, properties.pauseTimeout());
            }
            Thread.sleep(properties.pollInterval().toMillis());
        }
    }

    private static String summary(boolean changed, boolean started, boolean startAgain, ClickPipeState initial,
            CloudProblem problem) {
        if (changed && started) {
            return startAgain ? "The table mappings were changed and the pipe is Running again."
                    : "The table mappings were changed. The pipe was " + wire(initial)
                            + " before, so it stays paused.";
        }
        if (changed) {
            return "The table mappings were changed, but the pipe could not be started again: start it from its page.";
        }
        String why = "The change failed: " + (problem == null ? "see the steps." : problem.message());
        if (!startAgain) {
            return why + " The pipe keeps its tables as they were.";
        }
        return why + (started ? " The pipe was started again with its tables as they were."
                : " The pipe could not be started again either: start it from its page.");
    }

    private static String describe(MappingChange change) {
        StringBuilder text = new StringBuilder();
        if (!change.additions().isEmpty()) {
            text.append("Adding ").append(String.join(", ", change.additions().stream().map(MappedTable::label)
                    .toList()));
        }
        if (!change.removals().isEmpty()) {
            text.append(text.isEmpty() ? "Removing " : "; removing ").append(String.join(", ", change.removals()
                    .stream().map(MappedTable::label).toList()));
        }
        return text.toString();
    }

    private static List<String> labels(List<MappedTable> tables) {
        return tables.stream().map(MappedTable::label).toList();
    }

    private static String wire(ClickPipeState state) {
        return state == null ? "Unknown" : state.wireName();
    }

    /** How waiting ended: the state last seen, whether it was the one awaited, and the last read's problem if any. */
    private record Settled(ClickPipeState state, boolean reached, CloudProblem problem, Duration timeout) {

        String notReached(String awaited) {
            String waited = timeout.toMinutes() >= 1 ? timeout.toMinutes() + " min" : timeout.toSeconds() + " s";
            if (state == null) {
                return "The pipe could not be read for " + waited + (problem == null ? "." : ": " + problem.message());
            }
            return "Still " + wire(state) + " after " + waited + ", not " + awaited + ".";
        }
    }
}
