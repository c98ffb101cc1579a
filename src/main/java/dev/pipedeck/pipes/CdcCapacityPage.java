package dev.pipedeck.pipes;

import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipesCdcScaling;
import dev.pipedeck.orgs.OrgConnection;

/**
 * The CDC capacity of a service as its page shows it: the compute its database pipes share, and the slider.
 *
 * @param connection the organization's connection, for breadcrumbs and tabs
 * @param serviceId the service's id
 * @param serviceName the service's name, or its id when it could not be read
 * @param current what ClickHouse Cloud holds now, or null when it could not be read
 * @param cores the slider's position: what the user chose, or the current core count
 * @param typed what the user sent, when it was refused
 * @param error why the chosen value was refused
 * @param notAvailable whether ClickHouse Cloud has no CDC capacity for the service yet (no database pipe was
 *        provisioned); {@code problem} then holds its answer, for the requestId
 * @param problem why the capacity could not be read or changed
 * @param notice a plain note, e.g. that nothing was changed
 */
public record CdcCapacityPage(OrgConnection connection, String serviceId, String serviceName,
        ClickPipesCdcScaling current, int cores, String typed, String error, boolean notAvailable,
        CloudProblem problem, String notice) {

    public static final int GIB_PER_CORE = 4;

    /** The current core count (whole or not, as ClickHouse Cloud reports it), or null when unknown. */
    public String currentCores() {
        if (current == null || current.replicaCpuMillicores() == null) {
            return null;
        }
        return number(current.replicaCpuMillicores() / 1000.0);
    }

    /** The current value's slider position, or null when unknown. */
    public Integer currentPosition() {
        if (current == null || current.replicaCpuMillicores() == null) {
            return null;
        }
        return (int) Math.round(current.replicaCpuMillicores() / 1000.0);
    }

    /** The current memory in GiB, or null when unknown. */
    public String currentMemoryGb() {
        return current == null || current.replicaMemoryGb() == null ? null : number(current.replicaMemoryGb());
    }

    /** The compute units the current capacity costs (2 cores and 8 GiB are one unit), or null when unknown. */
    public String currentComputeUnits() {
        return current == null || current.replicaCpuMillicores() == null ? null
                : number(current.replicaCpuMillicores() / 2000.0);
    }

    public int memoryGb() {
        return cores * GIB_PER_CORE;
    }

    public String computeUnits() {
        return computeUnits(cores);
    }

    public int minCores() {
        return ClickPipesCdcScaling.MIN_CORES;
    }

    public int maxCores() {
        return ClickPipesCdcScaling.MAX_CORES;
    }

    /** The form can be shown: the capacity was read. */
    public boolean readable() {
        return current != null && !notAvailable;
    }

    /** {@code cores} cores as a person reads them, with memory and compute units. */
    public static String describe(int cores) {
        return cores + (cores == 1 ? " core" : " cores") + " · " + cores * GIB_PER_CORE + " GiB · "
                + computeUnits(cores) + (cores == 2 ? " compute unit" : " compute units");
    }

    static String computeUnits(int cores) {
        return number(cores / 2.0);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
