package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Scaling of a streaming pipe (schema {@code ClickPipeScaling}); also accepted in a create body.
 *
 * @param replicas Desired number of replicas.
 * @param concurrency Desired number of concurrency.
 * @param replicaCpuMillicores CPU in millicores for each replica.
 * @param replicaMemoryGb Memory in GB for each replica.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeScaling(
        Integer replicas,
        Integer concurrency,
        Integer replicaCpuMillicores,
        Double replicaMemoryGb) {
}
