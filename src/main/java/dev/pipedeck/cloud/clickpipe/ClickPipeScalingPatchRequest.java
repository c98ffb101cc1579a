package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code PATCH .../clickpipes/{id}/scaling} (schema {@code ClickPipeScalingPatchRequest}).
 *
 * @param replicas Number of replicas to scale to.
 * @param concurrency Number of concurrency to scale to.
 * @param replicaCpuMillicores CPU in millicores for each replica.
 * @param replicaMemoryGb Memory in GB for each replica.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeScalingPatchRequest(
        Integer replicas,
        Integer concurrency,
        Integer replicaCpuMillicores,
        Double replicaMemoryGb) {

    /** Lowest and highest replica count the spec allows. */
    public static final int MIN_REPLICAS = 1, MAX_REPLICAS = 40;
    /** Lowest and highest CPU per replica, in millicores. */
    public static final int MIN_REPLICA_CPU_MILLICORES = 125, MAX_REPLICA_CPU_MILLICORES = 2000;
    /** Lowest and highest memory per replica, in GB. */
    public static final double MIN_REPLICA_MEMORY_GB = 0.5, MAX_REPLICA_MEMORY_GB = 8;

    /** Scales to {@code replicas} replicas of {@code replicaCpuMillicores} and {@code replicaMemoryGb} each. */
    public static ClickPipeScalingPatchRequest of(int replicas, int replicaCpuMillicores, double replicaMemoryGb) {
        return new ClickPipeScalingPatchRequest(replicas, null, replicaCpuMillicores, replicaMemoryGb);
    }
}
