package dev.pipedeck.pipes;

import java.util.List;
import java.util.Set;

import dev.pipedeck.cloud.clickpipe.CustomPrivateDnsMapping;
import dev.pipedeck.cloud.clickpipe.ReversePrivateEndpoint;

/**
 * A reverse private endpoint as the pages show it: the API's record, what it points at, its status as a tone, and the
 * pipes (by name) whose Kafka source uses it.
 */
public record EndpointView(ReversePrivateEndpoint endpoint, List<String> usedBy) {

    /** Statuses that change on their own (or once someone accepts the connection): the list keeps itself current. */
    static final Set<String> SETTLING = Set.of("Provisioning", "Deleting", "PendingAcceptance");

    public String id() {
        return endpoint.id();
    }

    public String typeLabel() {
        return EndpointType.labelOf(endpoint.type());
    }

    /** What the endpoint connects to: the type's own address field. */
    public String target() {
        EndpointType type = EndpointType.of(endpoint.type()).orElse(null);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case VPC_ENDPOINT_SERVICE -> endpoint.vpcEndpointServiceName();
            case VPC_RESOURCE -> endpoint.vpcResourceConfigurationId();
            case MSK_MULTI_VPC -> endpoint.mskClusterArn() == null ? null : endpoint.mskClusterArn()
                    + (endpoint.mskAuthentication() != null ? " (" + endpoint.mskAuthentication() + ")" : "");
            case GCP_PSC_SERVICE_ATTACHMENT -> endpoint.gcpServiceAttachment();
        };
    }

    /** The custom private DNS names, as the PATCH sets them. */
    public List<String> customDnsNames() {
        List<CustomPrivateDnsMapping> mappings = endpoint.customPrivateDnsMappings();
        return mappings == null ? List.of() : mappings.stream().map(CustomPrivateDnsMapping::privateDnsName)
                .filter(name -> name != null && !name.isBlank()).toList();
    }

    public List<String> dnsNames() {
        return endpoint.dnsNames() == null ? List.of() : endpoint.dnsNames();
    }

    public List<String> privateDnsNames() {
        return endpoint.privateDnsNames() == null ? List.of() : endpoint.privateDnsNames();
    }

    /** False for MSK multi-VPC endpoints, which the spec says take no custom private DNS names. */
    public boolean customDnsSupported() {
        return EndpointType.of(endpoint.type()).map(EndpointType::customDnsSupported).orElse(true);
    }

    /** ok, transient, warn or danger: the badge's colour. */
    public String tone() {
        String status = endpoint.status();
        if ("Ready".equals(status)) {
            return "ok";
        }
        if ("PendingAcceptance".equals(status)) {
            return "warn";
        }
        if (SETTLING.contains(status)) {
            return "transient";
        }
        if ("Failed".equals(status) || "Rejected".equals(status) || "Expired".equals(status)) {
            return "danger";
        }
        return "muted";
    }

    public String statusLabel() {
        String status = endpoint.status();
        if (status == null) {
            return "Unknown";
        }
        return "PendingAcceptance".equals(status) ? "Pending acceptance" : status;
    }

    public boolean settling() {
        return SETTLING.contains(endpoint.status());
    }
}
