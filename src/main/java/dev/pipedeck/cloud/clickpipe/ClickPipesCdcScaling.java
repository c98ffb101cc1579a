package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Shared compute of the service's database (CDC) pipes (schemas {@code ClickPipesCdcScaling} and
 * {@code ClickPipesCdcScalingPatchRequest}, which are the same): 1 to 32 cores in whole cores, with 4 GiB per core.
 *
 * @param replicaCpuMillicores CPU in millicores for DB ClickPipes.
 * @param replicaMemoryGb Memory in GiB for DB ClickPipes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipesCdcScaling(Integer replicaCpuMillicores, Double replicaMemoryGb) {

    /** Core count range the spec allows. */
    public static final int MIN_CORES = 1;
    public static final int MAX_CORES = 32;

    /** The only valid combination for {@code cores} whole cores: {@code cores × 1000} millicores and {@code 4 × cores} GiB. */
    public static ClickPipesCdcScaling ofCores(int cores) {
        if (cores < MIN_CORES || cores > MAX_CORES) {
            throw new IllegalArgumentException("CDC pipes take " + MIN_CORES + " to " + MAX_CORES + " cores, not " + cores);
        }
        return new ClickPipesCdcScaling(cores * 1000, cores * 4.0);
    }
}
