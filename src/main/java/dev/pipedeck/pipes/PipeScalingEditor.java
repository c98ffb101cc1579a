package dev.pipedeck.pipes;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditResult;
import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeScalingPatchRequest;

/** Scaling a streaming or object storage pipe: only what changed is sent, audited as before → after. */
@Service
public class PipeScalingEditor {

    private final AuditedCloudCalls calls;
    private final ClickHouseCloudClient cloud;

    public PipeScalingEditor(AuditedCloudCalls calls, ClickHouseCloudClient cloud) {
        this.calls = calls;
        this.cloud = cloud;
    }

    @PreAuthorize("hasRole('OPERATOR')")
    public ScalingChange apply(PipeRef ref, ScalingForm form) {
        AuditEntry.Builder entry = AuditEntry.of("pipe.scaling.update").target(calls.target(ref, null));
        Map<String, String> errors = form.errors();
        if (!errors.isEmpty()) {
            calls.refused(entry.request(Map.of("replicas", String.valueOf(form.getReplicas()),
                    "replicaCpuMillicores", String.valueOf(form.getReplicaCpuMillicores()),
                    "replicaMemoryGb", String.valueOf(form.getReplicaMemoryGb()))), errors.values());
            return ScalingChange.invalid(errors);
        }
        ClickPipe current;
        try {
            current = cloud.clickPipeGetFresh(calls.connection(ref.organizationId()), ref.serviceId(), ref.pipeId())
                    .block(AuditedCloudCalls.CALL_LIMIT);
        } catch (RuntimeException e) {
            return new ScalingChange(Map.of(), ChangeOutcome.failed(CloudProblem.of(e)), Map.of(), Map.of());
        }
        if (form.getSeenUpdatedAt() != null && current.updatedAt() != null
                && !current.updatedAt().equals(form.getSeenUpdatedAt())) {
            return new ScalingChange(Map.of(), ChangeOutcome.conflict(current), Map.of(), Map.of());
        }
        PipeView view = PipeView.of(current);
        ClickPipeScalingPatchRequest changes = form.changesFrom(view);
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        compare(before, after, "replicas", view.replicas(), changes.replicas());
        compare(before, after, "replicaCpuMillicores", view.replicaCpuMillicores(), changes.replicaCpuMillicores());
        compare(before, after, "replicaMemoryGb", view.replicaMemoryGb(), changes.replicaMemoryGb());
        if (before.isEmpty()) {
            return ScalingChange.unchanged();
        }
        ChangeOutcome<ClickPipe> outcome = calls.call(
                entry.target(calls.target(ref, current.name())).request(changes).build(),
                connection -> cloud.clickPipeScalingUpdate(connection, ref.serviceId(), ref.pipeId(), changes),
                updated -> AuditResult.success().withChange(before, after));
        return new ScalingChange(Map.of(), outcome, before, after);
    }

    private static void compare(Map<String, Object> before, Map<String, Object> after, String field, Object was,
            Object becomes) {
        if (becomes != null) {
            before.put(field, was);
            after.put(field, becomes);
        }
    }
}
