package dev.pipedeck.pipes;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of reverse private endpoint the spec's {@code CreateReversePrivateEndpoint.type} names, with the fields
 * each one needs and whether it takes custom private DNS names (the spec: "Not supported for MSK multi-VPC").
 */
public enum EndpointType {

    VPC_ENDPOINT_SERVICE("AWS VPC endpoint service", List.of("vpcEndpointServiceName"), true),
    VPC_RESOURCE("AWS VPC resource", List.of("vpcResourceConfigurationId", "vpcResourceShareArn"), true),
    MSK_MULTI_VPC("Amazon MSK multi-VPC", List.of("mskClusterArn", "mskAuthentication"), false),
    GCP_PSC_SERVICE_ATTACHMENT("GCP Private Service Connect (private preview)", List.of("gcpServiceAttachment"), true);

    private final String label;
    private final List<String> requiredFields;
    private final boolean customDnsSupported;

    EndpointType(String label, List<String> requiredFields, boolean customDnsSupported) {
        this.label = label;
        this.requiredFields = requiredFields;
        this.customDnsSupported = customDnsSupported;
    }

    /** The type spelled as on the wire, or empty for anything else. */
    public static Optional<EndpointType> of(String wire) {
        return Arrays.stream(values()).filter(type -> type.name().equals(wire)).findFirst();
    }

    /** The label of a wire type; the wire text itself for a type this console does not know yet. */
    public static String labelOf(String wire) {
        return of(wire).map(EndpointType::label).orElse(wire == null ? "—" : wire);
    }

    public String label() {
        return label;
    }

    /** The body fields (as the spec names them) this type cannot do without. */
    public List<String> requiredFields() {
        return requiredFields;
    }

    public boolean customDnsSupported() {
        return customDnsSupported;
    }
}
