package dev.pipedeck.pipes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.pipedeck.cloud.clickpipe.ClickPipeScalingPatchRequest;

/**
 * The scaling sliders as posted: replicas 1–40, CPU per replica 125–2000 millicores in steps of 125, memory per
 * replica 0.5–8 GB in steps of 0.5, and the {@code updatedAt} the user saw. Kept as typed so a refused form shows it.
 */
public class ScalingForm {

    static final int CPU_STEP = 125;
    static final double MEMORY_STEP = 0.5;

    private Integer replicas;
    private Integer replicaCpuMillicores;
    private Double replicaMemoryGb;
    private Instant seenUpdatedAt;

    public static ScalingForm of(PipeView pipe) {
        ScalingForm form = new ScalingForm();
        form.replicas = pipe.replicas();
        form.replicaCpuMillicores = pipe.replicaCpuMillicores();
        form.replicaMemoryGb = pipe.replicaMemoryGb();
        form.seenUpdatedAt = pipe.pipe().updatedAt();
        return form;
    }

    /** What is wrong with each field, by field name; empty when the form can be sent. */
    Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (replicas == null || replicas < ClickPipeScalingPatchRequest.MIN_REPLICAS
                || replicas > ClickPipeScalingPatchRequest.MAX_REPLICAS) {
            errors.put("replicas", "Replicas must be a whole number from 1 to 40.");
        }
        if (replicaCpuMillicores == null || replicaCpuMillicores < ClickPipeScalingPatchRequest.MIN_REPLICA_CPU_MILLICORES
                || replicaCpuMillicores > ClickPipeScalingPatchRequest.MAX_REPLICA_CPU_MILLICORES
                || replicaCpuMillicores % CPU_STEP != 0) {
            errors.put("replicaCpuMillicores", "CPU per replica must be 125 to 2000 millicores, in steps of 125.");
        }
        if (replicaMemoryGb == null || replicaMemoryGb < ClickPipeScalingPatchRequest.MIN_REPLICA_MEMORY_GB
                || replicaMemoryGb > ClickPipeScalingPatchRequest.MAX_REPLICA_MEMORY_GB
                || Math.abs(replicaMemoryGb / MEMORY_STEP - Math.rint(replicaMemoryGb / MEMORY_STEP)) > 1e-9) {
            errors.put("replicaMemoryGb", "Memory per replica must be 0.5 to 8 GB, in steps of 0.5.");
        }
        return errors;
    }

    /** Only what differs from the pipe's current scaling, as the PATCH body; null fields are left out. */
    ClickPipeScalingPatchRequest changesFrom(PipeView current) {
        return new ClickPipeScalingPatchRequest(
                replicas.equals(current.replicas()) ? null : replicas,
                null,
                replicaCpuMillicores.equals(current.replicaCpuMillicores()) ? null : replicaCpuMillicores,
                replicaMemoryGb.equals(current.replicaMemoryGb()) ? null : replicaMemoryGb);
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getReplicaCpuMillicores() {
        return replicaCpuMillicores;
    }

    public void setReplicaCpuMillicores(Integer replicaCpuMillicores) {
        this.replicaCpuMillicores = replicaCpuMillicores;
    }

    public Double getReplicaMemoryGb() {
        return replicaMemoryGb;
    }

    public void setReplicaMemoryGb(Double replicaMemoryGb) {
        this.replicaMemoryGb = replicaMemoryGb;
    }

    public Instant getSeenUpdatedAt() {
        return seenUpdatedAt;
    }

    public void setSeenUpdatedAt(Instant seenUpdatedAt) {
        this.seenUpdatedAt = seenUpdatedAt;
    }
}
