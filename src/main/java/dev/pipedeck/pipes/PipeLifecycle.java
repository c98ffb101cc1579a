package dev.pipedeck.pipes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditResult;
import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeCommand;
import reactor.core.publisher.Mono;

/**
 * Starting, stopping, resyncing and deleting a pipe: OPERATOR and ADMIN only, each audited with the state before and
 * after, each refused when the pipe changed since the user last saw it.
 */
@Service
public class PipeLifecycle {

    static final String RESYNC_ONLY = "Only Postgres and MySQL pipes can be resynced.";

    private final AuditedCloudCalls calls;
    private final ClickHouseCloudClient cloud;

    public PipeLifecycle(AuditedCloudCalls calls, ClickHouseCloudClient cloud) {
        this.calls = calls;
        this.cloud = cloud;
    }

    /**
     * Sends {@code PATCH …/state {"command": …}}. {@code seenUpdatedAt} is the pipe's {@code updatedAt} on the user's
     * page: when it moved on meanwhile, nothing is sent and the outcome carries the pipe as it is now.
     */
    @PreAuthorize("hasRole('OPERATOR')")
    public ChangeOutcome<ClickPipe> command(PipeRef ref, ClickPipeCommand command, Instant seenUpdatedAt) {
        Optional<ClickPipe> changed = changedSince(ref, seenUpdatedAt);
        if (changed.isPresent()) {
            return ChangeOutcome.conflict(changed.get());
        }
        AuditEntry.Builder entry = AuditEntry.of("pipe.state." + command.wireName())
                .target(calls.target(ref, null))
                .request(Map.of("command", command.wireName()));
        if (command == ClickPipeCommand.RESYNC && !resyncable(ref)) {
            calls.refused(entry, List.of(RESYNC_ONLY));
            return ChangeOutcome.failed(new CloudProblem(RESYNC_ONLY, null, "NOT_RESYNCABLE", null, false));
        }
        return calls.call(entry.build(),
                connection -> cloud.clickPipeStateUpdate(connection, ref.serviceId(), ref.pipeId(), command),
                after -> AuditResult.success().withChange(null,
                        after == null || after.state() == null ? null : Map.of("state", after.state().wireName())));
    }

    /** Deletes the pipe once the user has typed its exact name. Its destination tables stay. */
    @PreAuthorize("hasRole('OPERATOR')")
    public ChangeOutcome<Void> delete(PipeRef ref, String typedName) {
        ClickPipe pipe;
        try {
            pipe = cloud.clickPipeGetFresh(calls.connection(ref.organizationId()), ref.serviceId(), ref.pipeId())
                    .block(AuditedCloudCalls.CALL_LIMIT);
        } catch (RuntimeException e) {
            return ChangeOutcome.failed(CloudProblem.of(e));
        }
        AuditEntry.Builder entry = AuditEntry.of("pipe.delete").target(calls.target(ref, pipe.name()));
        if (typedName == null || !typedName.equals(pipe.name())) {
            calls.refused(entry, List.of("The typed name did not match the pipe's name."));
            return ChangeOutcome.failed(new CloudProblem("Type the pipe's name exactly as shown to delete it.", null,
                    "NAME_MISMATCH", null, false));
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("name", pipe.name());
        before.put("state", pipe.state() == null ? null : pipe.state().wireName());
        before.put("source", PipeSummary.of(pipe).source());
        before.put("destination", PipeSummary.of(pipe).destination());
        return calls.call(entry.build(),
                connection -> cloud.clickPipeDelete(connection, ref.serviceId(), ref.pipeId()).then(Mono.<Void>empty()),
                nothing -> AuditResult.success().withChange(before, null));
    }

    private boolean resyncable(PipeRef ref) {
        try {
            ClickPipe pipe = cloud.clickPipeGet(calls.connection(ref.organizationId()), ref.serviceId(), ref.pipeId())
                    .block(AuditedCloudCalls.CALL_LIMIT);
            return PipeView.of(pipe).resyncable();
        } catch (RuntimeException unreadable) {
            return true; // ClickHouse Cloud answers for itself
        }
    }

    private Optional<ClickPipe> changedSince(PipeRef ref, Instant seenUpdatedAt) {
        try {
            return calls.changedSince(ref, seenUpdatedAt);
        } catch (RuntimeException unreadable) {
            return Optional.empty(); // the change itself will report what is wrong with the pipe or the connection
        }
    }
}
