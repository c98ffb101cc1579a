package dev.pipedeck.pipes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditResult;
import dev.pipedeck.audit.AuditTarget;
import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchRequest;
import dev.pipedeck.orgs.OrgConnection;
import dev.pipedeck.users.Role;

/**
 * Editing a pipe: renaming it, replacing its source's credentials (write-only: never read back, never shown, never
 * audited or logged), and for Postgres, MySQL and MongoDB pipes adding and removing table mappings, which ClickHouse
 * Cloud accepts only while the pipe is paused, so that runs as a {@link TableMappingJobs job}. BigQuery pipes cannot be
 * edited through the API. Before every write the pipe's {@code updatedAt} is compared with the one the user saw; bad
 * input is refused before anything is sent.
 */
@Service
public class PipeEditor {

    static final int LONGEST_NAME = 255;
    private static final Duration CALL_LIMIT = AuditedCloudCalls.CALL_LIMIT;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    static final String BIGQUERY_REFUSAL = "BigQuery pipes cannot be edited through the ClickHouse Cloud API.";

    private final AuditedCloudCalls calls;
    private final ClickHouseCloudClient cloud;
    private final TableMappingJobs jobs;

    public PipeEditor(AuditedCloudCalls calls, ClickHouseCloudClient cloud, TableMappingJobs jobs) {
        this.calls = calls;
        this.cloud = cloud;
        this.jobs = jobs;
    }

    /** The pipe as the edit page shows it, or the problem reading it. */
    @PreAuthorize("hasRole('VIEWER')")
    public PipeEditPage page(PipeRef ref) {
        OrgConnection connection = calls.organization(ref.organizationId());
        CloudConnection cloudConnection = calls.connection(ref.organizationId());
        String serviceName = ref.serviceId();
        try {
            serviceName = cloud.instanceGet(cloudConnection, ref.serviceId()).block(CALL_LIMIT).name();
        } catch (RuntimeException unnamed) {
            // The id names the service; reading the pipe says what is wrong, if anything.
        }
        String runningJob = jobs.runningFor(ref).filter(this::mayFollow).map(TableMappingJob.View::id)
                .orElse(null);
        try {
            ClickPipe pipe = cloud.clickPipeGet(cloudConnection, ref.serviceId(), ref.pipeId()).block(CALL_LIMIT);
            return new PipeEditPage(connection, ref, serviceName, pipe, null, SourceCredentials.of(pipe),
                    TableMappings.of(pipe).orElse(null), runningJob);
        } catch (RuntimeException e) {
            return new PipeEditPage(connection, ref, serviceName, null, CloudProblem.of(e), null, null, runningJob);
        }
    }

    /** Renames the pipe: sends {@code {"name": …}} and nothing else. */
    @PreAuthorize("hasRole('OPERATOR')")
    public EditOutcome rename(PipeRef ref, RenameForm form) {
        String name = form.getName() == null ? "" : form.getName().strip();
        FormProblems problems = FormProblems.none();
        if (name.isEmpty()) {
            problems.field("name", "Give the pipe a name.");
        } else if (name.length() > LONGEST_NAME) {
            problems.field("name", "At most " + LONGEST_NAME + " characters (this is " + name.length() + ").");
        } else if (CONTROL.matcher(name).find()) {
            problems.field("name", "Line breaks and control characters are not allowed in a name.");
        }
        if (!problems.isEmpty()) {
            return refused(ref, null, Map.of("name", name), List.of(), problems);
        }
        EditOutcome stopped = stoppedByConcurrentChange(ref, form);
        if (stopped != null) {
            return stopped;
        }
        ClickPipe pipe;
        try {
            pipe = read(ref);
        } catch (RuntimeException e) {
            return EditOutcome.failed(CloudProblem.of(e));
        }
        if (isBigQuery(pipe)) {
            return refused(ref, pipe.name(), Map.of("name", name), List.of(), FormProblems.ofGlobal(BIGQUERY_REFUSAL));
        }
        if (name.equals(pipe.name())) {
            return refused(ref, pipe.name(), Map.of("name", name), List.of(),
                    FormProblems.none().field("name", "That is the pipe's name already."));
        }
        String before = pipe.name();
        AuditEntry entry = AuditEntry.of("pipe.update").target(calls.target(ref, before))
                .request(Map.of("name", name)).build();
        ChangeOutcome<ClickPipe> outcome = calls.call(entry,
                c -> cloud.clickPipeUpdate(c, ref.serviceId(), ref.pipeId(), ClickPipePatchRequest.rename(name)),
                after -> AuditResult.success().withChange(Map.of("name", String.valueOf(before)),
                        Map.of("name", after.name() == null ? name : after.name())));
        if (!outcome.succeeded()) {
            return EditOutcome.failed(outcome.problem());
        }
        return EditOutcome.done("Renamed “" + before + "” to “" + name + "”.");
    }

    /** Replaces the source's credentials with what was typed; blank fields send nothing. */
    @PreAuthorize("hasRole('OPERATOR')")
    public EditOutcome replaceCredentials(PipeRef ref, CredentialsForm form) {
        List<String> secrets = SourceCredentials.secretsOf(form);
        ClickPipe pipe;
        try {
            pipe = read(ref);
        } catch (RuntimeException e) {
            return EditOutcome.failed(CloudProblem.of(e));
        }
        if (isBigQuery(pipe)) {
            return refused(ref, pipe.name(), null, secrets, FormProblems.ofGlobal(BIGQUERY_REFUSAL));
        }
        SourceCredentials credentials = SourceCredentials.of(pipe);
        FormProblems problems = credentials.check(form);
        if (!problems.isEmpty()) {
            return refused(ref, pipe.name(), null, secrets, problems);
        }
        EditOutcome stopped = stoppedByConcurrentChange(ref, form);
        if (stopped != null) {
            return stopped;
        }
        ClickPipePatchRequest body = credentials.patch(pipe, form);
        AuditEntry entry = AuditEntry.of("pipe.update").target(calls.target(ref, pipe.name())).request(body)
                .secretValues(secrets).build();
        ChangeOutcome<ClickPipe> outcome = calls.call(entry,
                c -> cloud.clickPipeUpdate(c, ref.serviceId(), ref.pipeId(), body));
        if (!outcome.succeeded()) {
            return EditOutcome.failed(outcome.problem());
        }
        return EditOutcome.done("Credentials replaced (" + credentials.method() + "). ClickHouse Cloud never returns "
                + "them, so they are not shown.");
    }

    /**
     * Checks a table mapping change and starts it as a job: pause → apply → start. Answers the job's id, or why it
     * did not start (nothing sent then).
     */
    @PreAuthorize("hasRole('OPERATOR')")
    public EditOutcome changeTableMappings(PipeRef ref, TableMappingsForm form) {
        ClickPipe pipe;
        try {
            pipe = read(ref);
        } catch (RuntimeException e) {
            return EditOutcome.failed(CloudProblem.of(e));
        }
        Map<String, Object> summary = Map.of("tableMappingsToAdd", form.getAdd().stream()
                .filter(row -> row != null && !row.isBlank()).map(row -> row.getSourceNamespace() + "."
                        + row.getSourceTable() + " → " + row.getTargetTable()).toList(),
                "tableMappingsToRemove", form.getRemove());
        if (isBigQuery(pipe)) {
            return refused(ref, pipe.name(), summary, List.of(), FormProblems.ofGlobal(BIGQUERY_REFUSAL));
        }
        Optional<TableMappings> mappings = TableMappings.of(pipe);
        if (mappings.isEmpty()) {
            return refused(ref, pipe.name(), summary, List.of(), FormProblems.ofGlobal(
                    "Only Postgres, MySQL and MongoDB pipes have table mappings."));
        }
        FormProblems problems = mappings.get().check(form);
        if (!problems.isEmpty()) {
            return refused(ref, pipe.name(), summary, List.of(), problems);
        }
        if (jobs.runningFor(ref).isPresent()) {
            return EditOutcome.invalid(FormProblems.ofGlobal("A table mapping change of this pipe is still running: "
                    + "wait until it has finished, then look at the tables again."));
        }
        EditOutcome stopped = stoppedByConcurrentChange(ref, form);
        if (stopped != null) {
            return stopped;
        }
        MappingChange change = mappings.get().change(form);
        return jobs.start(ref, pipe.name(), currentUsername(), change, calls.target(ref, pipe.name()))
                .map(job -> EditOutcome.jobStarted(job.id()))
                .orElseGet(() -> EditOutcome.invalid(FormProblems.ofGlobal("A table mapping change of this pipe is "
                        + "still running: wait until it has finished, then look at the tables again.")));
    }

    /** The progress page of a table mapping change: breadcrumbs from Pipedeck's records and the read cache. */
    @PreAuthorize("hasRole('VIEWER')")
    public Optional<JobPage> jobPage(PipeRef ref, String jobId) {
        return job(ref, jobId).map(job -> {
            String serviceName = ref.serviceId();
            try {
                serviceName = cloud.instanceGet(calls.connection(ref.organizationId()), ref.serviceId())
                        .block(CALL_LIMIT).name();
            } catch (RuntimeException unnamed) {
                // The id names the service.
            }
            return new JobPage(calls.organization(ref.organizationId()), serviceName, job);
        });
    }

    /** What the progress page shows around the job. */
    public record JobPage(OrgConnection connection, String serviceName, TableMappingJob.View job) {
    }

    /**
     * A table mapping change of this pipe, whichever instance runs it, to the user who started it or an admin; empty
     * for anyone else.
     */
    @PreAuthorize("hasRole('VIEWER')")
    public Optional<TableMappingJob.View> job(PipeRef ref, String jobId) {
        return jobs.find(jobId).filter(job -> job.pipe().equals(ref)).filter(this::mayFollow);
    }

    private boolean mayFollow(TableMappingJob.View job) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null) {
            return false;
        }
        boolean admin = user.getAuthorities().stream().anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
        return admin || job.owner().equals(user.getName());
    }

    private static String currentUsername() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user == null ? "" : user.getName();
    }

    /** The pipe through the read cache: a page load a moment ago, or the fresh read of the concurrent-edit check. */
    private ClickPipe read(PipeRef ref) {
        return cloud.clickPipeGet(calls.connection(ref.organizationId()), ref.serviceId(), ref.pipeId())
                .block(CALL_LIMIT);
    }

    /**
     * The concurrent-edit check: a conflict when the pipe's {@code updatedAt} is no longer the one the user saw, a
     * failure when it could not be read, null when the change may go ahead.
     */
    private EditOutcome stoppedByConcurrentChange(PipeRef ref, SeenPipeForm form) {
        try {
            return calls.changedSince(ref, form.seenUpdatedAtInstant())
                    .map(current -> EditOutcome.conflict(PipeConflict.between(form, current))).orElse(null);
        } catch (RuntimeException e) {
            return EditOutcome.failed(CloudProblem.of(e));
        }
    }

    private static boolean isBigQuery(ClickPipe pipe) {
        return pipe.source() != null && "bigquery".equals(pipe.source().kind());
    }

    /**
     * Audits a refusal (nothing was sent) and answers it. The target is named from Pipedeck's own records, so a typo
     * costs no call to ClickHouse Cloud.
     */
    private EditOutcome refused(PipeRef ref, String pipeName, Object request, List<String> secrets,
            FormProblems problems) {
        OrgConnection connection = calls.organization(ref.organizationId());
        String organizationName = connection.getOrganizationName() != null ? connection.getOrganizationName()
                : connection.getDisplayName();
        AuditEntry.Builder entry = AuditEntry.of("pipe.update").target(AuditTarget.pipe(ref.organizationId(),
                organizationName, ref.serviceId(), null, ref.pipeId(), pipeName)).secretValues(secrets);
        if (request != null) {
            entry.request(request);
        }
        calls.refused(entry, problems.reasons());
        return EditOutcome.invalid(problems);
    }
}
