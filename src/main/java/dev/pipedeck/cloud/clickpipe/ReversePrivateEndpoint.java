package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A reverse private endpoint that pipes use to reach a private source (schema {@code ReversePrivateEndpoint}).
 *
 * @param description Reverse private endpoint description.
 * @param type Reverse private endpoint type.
 * @param vpcEndpointServiceName VPC endpoint service name.
 * @param vpcResourceConfigurationId VPC resource configuration ID. Required for VPC_RESOURCE type.
 * @param vpcResourceShareArn VPC resource share ARN. Required for VPC_RESOURCE type.
 * @param mskClusterArn MSK cluster ARN. Required for MSK_MULTI_VPC type.
 * @param mskAuthentication MSK cluster authentication type.
 * @param gcpServiceAttachment Private Preview.
 * @param customPrivateDnsMappings Optional private DNS names for Reverse Private Endpoint.
 * @param id Reverse private endpoint ID.
 * @param serviceId ClickHouse service ID reverse private endpoint is associated with.
 * @param endpointId Reverse private endpoint endpoint ID.
 * @param dnsNames Reverse private endpoint internal DNS names.
 * @param privateDnsNames Reverse private endpoint private DNS names.
 * @param status Reverse private endpoint status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReversePrivateEndpoint(
        String description,
        String type,
        String vpcEndpointServiceName,
        String vpcResourceConfigurationId,
        String vpcResourceShareArn,
        String mskClusterArn,
        String mskAuthentication,
        String gcpServiceAttachment,
        List<CustomPrivateDnsMapping> customPrivateDnsMappings,
        String id,
        String serviceId,
        String endpointId,
        List<String> dnsNames,
        List<String> privateDnsNames,
        String status) {

    /** Endpoint statuses, spelled as on the wire. */
    public static final List<String> STATUSES = List.of("Unknown", "Provisioning", "Deleting", "Ready", "Failed",
            "PendingAcceptance", "Rejected", "Expired");
}
