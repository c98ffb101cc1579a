package dev.pipedeck.cloud;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A ClickHouse Cloud service (schema {@code Service}, operationIds {@code instance*}). ClickPipes calls fail
 * with {@link ServiceIdleException} while its {@code state} is {@code idle}.
 *
 * @param id Unique service ID.
 * @param name Name of the service.
 * @param provider Cloud provider
 * @param region Service region.
 * @param state Current state of the service.
 * @param clickhouseVersion ClickHouse version of the service.
 * @param endpoints List of all service endpoints.
 * @param tier DEPRECATED for BASIC, SCALE and ENTERPRISE organization tiers.
 * @param minReplicaMemoryGb Minimum total memory of each replica during auto-scaling in Gb.
 * @param maxReplicaMemoryGb Maximum total memory of each replica during auto-scaling in Gb.
 * @param numReplicas Number of replicas for the service.
 * @param minReplicas Minimum number of replicas for horizontal autoscaling.
 * @param maxReplicas Maximum number of replicas for horizontal autoscaling.
 * @param autoscalingMode Configured autoscaling mode.
 * @param idleScaling When set to true the service is allowed to scale down to zero when idle.
 * @param idleTimeoutMinutes Set minimum idling timeout (in minutes).
 * @param ipAccessList List of IP addresses allowed to access the service
 * @param createdAt Service creation timestamp.
 * @param iamRole IAM role used for accessing objects in s3
 * @param privateEndpointIds List of private endpoints
 * @param dataWarehouseId Data warehouse containing this service
 * @param isPrimary True if this service is the primary service in the data warehouse
 * @param isReadonly True if this service is read-only.
 * @param releaseChannel Select fast if you want to get new ClickHouse releases as soon as they are available.
 * @param byocId This is the ID returned after setting up a region for Bring Your Own Cloud (BYOC).
 * @param profile Custom instance profile.
 * @param complianceType Type of regulatory compliance for service.
 * @param tags Tags associated with the service.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Service(
        String id,
        String name,
        String provider,
        String region,
        String state,
        String clickhouseVersion,
        List<ServiceEndpoint> endpoints,
        String tier,
        Double minReplicaMemoryGb,
        Double maxReplicaMemoryGb,
        Integer numReplicas,
        Integer minReplicas,
        Integer maxReplicas,
        String autoscalingMode,
        Boolean idleScaling,
        Double idleTimeoutMinutes,
        List<IpAccessListEntry> ipAccessList,
        Instant createdAt,
        String iamRole,
        List<String> privateEndpointIds,
        String dataWarehouseId,
        Boolean isPrimary,
        Boolean isReadonly,
        String releaseChannel,
        String byocId,
        String profile,
        String complianceType,
        List<ResourceTag> tags) {

    /** Service states, spelled as on the wire. */
    public static final List<String> STATES = List.of("starting", "stopping", "terminating", "softdeleting", "awaking",
            "partially_running", "provisioning", "running", "stopped", "terminated", "softdeleted", "degraded", "failed",
            "idle");
    /** The state of a service that scaled to zero; {@link ServiceCommand#START} wakes it. */
    public static final String STATE_IDLE = "idle";

    /** Whether the service scaled to zero and must be woken before ClickPipes calls succeed. */
    @JsonIgnore
    public boolean isIdle() {
        return STATE_IDLE.equals(state);
    }
}
