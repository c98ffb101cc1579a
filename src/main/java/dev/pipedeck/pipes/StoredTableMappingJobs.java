package dev.pipedeck.pipes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pipedeck.cluster.JobLeases;
import dev.pipedeck.pipes.TableMappingJob.Outcome;
import dev.pipedeck.pipes.TableMappingJob.Status;
import dev.pipedeck.pipes.TableMappingJob.Step;
import dev.pipedeck.pipes.TableMappingJob.View;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Table mapping changes in the {@code table_mapping_job} and {@code table_mapping_job_step} tables, shared by every
 * instance on the database. The instance that runs a job writes its steps, renewing the row's heartbeat with each
 * write (and in between, see {@link TableMappingJobs}); every write names that instance and a still running job, so an
 * instance that lost the job learns it from a write that changed nothing. A running job whose heartbeat is older than
 * {@link TableMappingJobProperties#heartbeatTimeout()} reads as interrupted, and is stored as such by the next start of
 * a change of its pipe or the cleanup. One running job per pipe: the unique {@code running_pipe} column.
 */
@Component
class StoredTableMappingJobs {

    private static final Logger log = LoggerFactory.getLogger(StoredTableMappingJobs.class);
    private static final int LONGEST_TEXT = 4000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, organization_id, service_id, pipe_id, pipe_name, owner_username, "
            + "tables_added, tables_removed, status, summary, started_at, finished_at, heartbeat_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TableMappingJobProperties properties;
    private final Clock clock;
    private final String instance;

    StoredTableMappingJobs(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            TableMappingJobProperties properties, Clock clock, JobLeases leases) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
        this.instance = leases.holder();
    }

    /** This instance's name in the jobs it runs. */
    String instance() {
        return instance;
    }

    /**
     * Stores {@code job} as running on this instance, unless a change of the same pipe is running (then false). A
     * running change of the pipe whose heartbeat stopped is stored as interrupted first, so it does not block the pipe.
     */
    boolean begin(TableMappingJob job) {
        Instant now = clock.instant();
        String runningPipe = runningPipe(job.pipe());
        try {
            transaction.executeWithoutResult(status -> {
                interruptStale(now, runningPipe);
                jdbc.update("insert into table_mapping_job (" + COLUMNS + ", instance_name, running_pipe) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING', null, ?, null, ?, ?, ?)",
                        job.id(), job.pipe().organizationId(), job.pipe().serviceId(), job.pipe().pipeId(),
                        job.pipeName(), job.owner(), toJson(job.change().additions()),
                        toJson(job.change().removals()), utc(job.startedAt()), utc(now), instance, runningPipe);
                List<Step> steps = job.steps();
                for (int number = 0; number < steps.size(); number++) {
                    insertStep(job.id(), number, steps.get(number));
                }
            });
            return true;
        } catch (DuplicateKeyException anotherChangeRuns) {
            return false;
        }
    }

    /**
     * Writes one step of a job this instance runs and renews its heartbeat: false when the job is no longer this
     * instance's to run. When the database cannot be reached the step is only logged (the job goes on; its heartbeat
     * will tell if that lasts).
     */
    boolean recordStep(TableMappingJob job, int number, Step step) {
        try {
            Boolean owned = transaction.execute(status -> {
                if (renew(job.id()) == 0) {
                    return false;
                }
                jdbc.update("update table_mapping_job_step set status = ?, message = ?, http_status = ?, "
                        + "request_id = ? where job_id = ? and step_number = ?", step.status().name(),
                        clip(step.message()), step.httpStatus(), step.requestId(), job.id(), number);
                return true;
            });
            return Boolean.TRUE.equals(owned);
        } catch (DataAccessException e) {
            log.warn("Step {} of table mapping change {} could not be stored: {}", number, job.id(), e.getMessage());
            return true;
        }
    }

    /** Renews the heartbeat of a job this instance runs: false when it is no longer this instance's to run. */
    boolean heartbeat(String jobId) {
        return renew(jobId) == 1;
    }

    /** Stores the job's final steps and its outcome: false when it was no longer this instance's to finish. */
    boolean finish(TableMappingJob job, boolean succeeded, String summary) {
        try {
            Boolean owned = transaction.execute(status -> {
                int finished = jdbc.update("update table_mapping_job set status = ?, summary = ?, finished_at = ?, "
                        + "heartbeat_at = ?, running_pipe = null where id = ? and instance_name = ? "
                        + "and status = 'RUNNING'", succeeded ? "SUCCEEDED" : "FAILED", clip(summary),
                        utc(clock.instant()), utc(clock.instant()), job.id(), instance);
                if (finished == 0) {
                    return false;
                }
                List<Step> steps = job.steps();
                for (int number = 0; number < steps.size(); number++) {
                    Step step = steps.get(number);
                    jdbc.update("update table_mapping_job_step set status = ?, message = ?, http_status = ?, "
                            + "request_id = ? where job_id = ? and step_number = ?", step.status().name(),
                            clip(step.message()), step.httpStatus(), step.requestId(), job.id(), number);
                }
                return true;
            });
            if (!Boolean.TRUE.equals(owned)) {
                log.warn("Table mapping change {} ended after it was marked interrupted: its outcome was not stored",
                        job.id());
            }
            return Boolean.TRUE.equals(owned);
        } catch (DataAccessException e) {
            log.error("The outcome of table mapping change {} could not be stored ({}); its heartbeat will stop and "
                    + "the page will show it as interrupted", job.id(), e.getMessage());
            return false;
        }
    }

    /** A job as its page shows it, whoever runs it; a running job with a stale heartbeat shows as interrupted. */
    Optional<View> find(String jobId) {
        List<StoredJob> rows = jdbc.query("select " + COLUMNS + " from table_mapping_job where id = ?",
                StoredJob::read, jobId);
        return rows.stream().findFirst().map(this::view);
    }

    /** The running change of {@code pipe}, if any (one whose heartbeat stopped is not running). */
    Optional<View> runningFor(PipeRef pipe) {
        Instant now = clock.instant();
        List<StoredJob> rows = jdbc.query("select " + COLUMNS + " from table_mapping_job where running_pipe = ? "
                + "and heartbeat_at >= ?", StoredJob::read, runningPipe(pipe),
                utc(now.minus(properties.heartbeatTimeout())));
        return rows.stream().findFirst().map(this::view);
    }

    /** Stores every running job whose heartbeat stopped as interrupted, freeing its pipe; answers how many. */
    int interruptStale() {
        return interruptStale(clock.instant(), null);
    }

    /** Deletes the jobs (and their steps) that ended before {@code horizon}; answers how many. */
    int deleteFinishedBefore(Instant horizon) {
        return jdbc.update("delete from table_mapping_job where finished_at < ?", utc(horizon));
    }

    /** Stores the running jobs (of {@code runningPipe} only, unless null) whose heartbeat stopped as interrupted. */
    private int interruptStale(Instant now, String runningPipe) {
        String sql = "update table_mapping_job set status = 'INTERRUPTED', summary = ?, finished_at = ?, "
                + "running_pipe = null where status = 'RUNNING' and heartbeat_at < ?";
        OffsetDateTime limit = utc(now.minus(properties.heartbeatTimeout()));
        if (runningPipe == null) {
            return jdbc.update(sql, TableMappingJob.INTERRUPTED_SUMMARY, utc(now), limit);
        }
        return jdbc.update(sql + " and running_pipe = ?", TableMappingJob.INTERRUPTED_SUMMARY, utc(now), limit,
                runningPipe);
    }

    private int renew(String jobId) {
        return jdbc.update("update table_mapping_job set heartbeat_at = ? where id = ? and instance_name = ? "
                + "and status = 'RUNNING'", utc(clock.instant()), jobId, instance);
    }

    private void insertStep(String jobId, int number, Step step) {
        jdbc.update("insert into table_mapping_job_step (job_id, step_number, status, message, http_status, "
                + "request_id) values (?, ?, ?, ?, ?, ?)", jobId, number, step.status().name(), clip(step.message()),
                step.httpStatus(), step.requestId());
    }

    private View view(StoredJob row) {
        List<Step> steps = new ArrayList<>();
        for (String title : TableMappingJob.TITLES) {
            steps.add(new Step(title, Status.PENDING, null, null, null));
        }
        jdbc.query("select step_number, status, message, http_status, request_id from table_mapping_job_step "
                + "where job_id = ? order by step_number", rs -> {
                    int number = rs.getInt("step_number");
                    if (number >= 0 && number < steps.size()) {
                        int httpStatus = rs.getInt("http_status");
                        steps.set(number, new Step(TableMappingJob.TITLES.get(number),
                                Status.valueOf(rs.getString("status")), rs.getString("message"),
                                rs.wasNull() ? null : httpStatus, rs.getString("request_id")));
                    }
                }, row.id());
        View view = new View(row.id(), row.pipe(), row.pipeName(), row.owner(), row.startedAt(), row.finishedAt(),
                List.copyOf(steps), fromJson(row.added(), row.id()), fromJson(row.removed(), row.id()), row.summary(),
                row.outcome());
        boolean stale = row.outcome() == Outcome.RUNNING
                && row.heartbeatAt().isBefore(clock.instant().minus(properties.heartbeatTimeout()));
        return row.outcome() == Outcome.INTERRUPTED || stale ? view.interruptedAt(row.heartbeatAt()) : view;
    }

    private static String runningPipe(PipeRef pipe) {
        return pipe.organizationId() + "/" + pipe.serviceId() + "/" + pipe.pipeId();
    }

    private static String toJson(List<MappedTable> tables) {
        return JSON.writeValueAsString(tables.stream().map(MappedTable::label).toList());
    }

    private static List<String> fromJson(String json, String jobId) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JacksonException e) {
            log.warn("The tables of table mapping change {} could not be read", jobId);
            return List.of();
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= LONGEST_TEXT ? text : text.substring(0, LONGEST_TEXT - 1) + "…";
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** One row of {@code table_mapping_job}. */
    private record StoredJob(String id, PipeRef pipe, String pipeName, String owner, String added, String removed,
            Outcome outcome, String summary, Instant startedAt, Instant finishedAt, Instant heartbeatAt) {

        static StoredJob read(ResultSet rs, int row) throws SQLException {
            return new StoredJob(rs.getString("id"), new PipeRef(rs.getString("organization_id"),
                    rs.getString("service_id"), rs.getString("pipe_id")), rs.getString("pipe_name"),
                    rs.getString("owner_username"), rs.getString("tables_added"), rs.getString("tables_removed"),
                    Outcome.valueOf(rs.getString("status")), rs.getString("summary"), instant(rs, "started_at"),
                    instant(rs, "finished_at"), instant(rs, "heartbeat_at"));
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }
}
