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

    /** Replica count range the spec allows. */
    public static final int MIN_REPLICAS = 1;
    public static final int MAX_REPLICAS = 40;
    /** CPU range per replica, in millicores. */
    public static final int MIN_REPLICA_CPU_MILLICORES = 125;
    public static final int MAX_REPLICA_CPU_MILLICORES = 2000;
    /** Memory range per replica, in GB. */
    public static final double MIN_REPLICA_MEMORY_GB = 0.5;
    public static final double MAX_REPLICA_MEMORY_GB = 8;

    /** Scales to {@code replicas} replicas of {@code replicaCpuMillicores} and {@code replicaMemoryGb} each. */
    public static ClickPipeScalingPatchRequest of(int replicas, int replicaCpuMillicores, double replicaMemoryGb) {
        return new ClickPipeScalingPatchRequest(replicas, null, replicaCpuMillicores, replicaMemoryGb);
    }
}
