package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Body of {@code POST .../clickpipesReversePrivateEndpoints} (schema {@code CreateReversePrivateEndpoint}).
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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateReversePrivateEndpoint(
        String description,
        String type,
        String vpcEndpointServiceName,
        String vpcResourceConfigurationId,
        String vpcResourceShareArn,
        String mskClusterArn,
        String mskAuthentication,
        String gcpServiceAttachment,
        List<CustomPrivateDnsMapping> customPrivateDnsMappings) {

    /** Endpoint types, spelled as on the wire. */
    public static final List<String> TYPES =
            List.of("VPC_ENDPOINT_SERVICE", "VPC_RESOURCE", "MSK_MULTI_VPC", "GCP_PSC_SERVICE_ATTACHMENT");
    /** MSK authentication types. */
    public static final List<String> MSK_AUTHENTICATIONS = List.of("SASL_IAM", "SASL_SCRAM");

    /** An endpoint to an AWS VPC endpoint service. */
    public static CreateReversePrivateEndpoint vpcEndpointService(String description, String vpcEndpointServiceName) {
        return new CreateReversePrivateEndpoint(description, "VPC_ENDPOINT_SERVICE", vpcEndpointServiceName,
                null, null, null, null, null, null);
    }

    /** An endpoint to an AWS VPC resource shared through RAM. */
    public static CreateReversePrivateEndpoint vpcResource(String description, String vpcResourceConfigurationId,
            String vpcResourceShareArn) {
        return new CreateReversePrivateEndpoint(description, "VPC_RESOURCE", null, vpcResourceConfigurationId,
                vpcResourceShareArn, null, null, null, null);
    }

    /** An endpoint to an MSK cluster over multi-VPC connectivity; {@code mskAuthentication} is SASL_IAM or SASL_SCRAM. */
    public static CreateReversePrivateEndpoint mskMultiVpc(String description, String mskClusterArn,
            String mskAuthentication) {
        return new CreateReversePrivateEndpoint(description, "MSK_MULTI_VPC", null, null, null, mskClusterArn,
                mskAuthentication, null, null);
    }

    /** An endpoint to a GCP Private Service Connect service attachment (private preview). */
    public static CreateReversePrivateEndpoint gcpServiceAttachment(String description, String gcpServiceAttachment) {
        return new CreateReversePrivateEndpoint(description, "GCP_PSC_SERVICE_ATTACHMENT", null, null, null, null, null,
                gcpServiceAttachment, null);
    }
}
