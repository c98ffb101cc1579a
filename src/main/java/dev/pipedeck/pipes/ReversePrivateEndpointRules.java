package dev.pipedeck.pipes;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.pipedeck.cloud.clickpipe.CreateReversePrivateEndpoint;

/**
 * What the spec says a reverse private endpoint needs, checked before anything is sent: each broken rule is a message
 * for its field (named as in the form, {@code privateDnsNames[2]} for a DNS row). The spec states: a description of at
 * most 255 characters; the fields each type requires; the GCP service attachment's format; MSK authentication
 * SASL_IAM or SASL_SCRAM; custom DNS names exact or with a leading wildcard, unique across the service, and not for
 * MSK multi-VPC. ARNs and AWS ids are checked against AWS's own formats, loosely, to catch a value pasted into the
 * wrong field.
 */
final class ReversePrivateEndpointRules {

    static final int LONGEST_DESCRIPTION = 255;

    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern DNS_NAME = Pattern.compile("(?=.{1,253}$)(?:\\*\\.)?" + LABEL + "(?:\\." + LABEL + ")*");
    private static final Pattern ENDPOINT_SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*\\.[A-Za-z0-9.-]*[A-Za-z0-9]");
    private static final Pattern RESOURCE_CONFIGURATION_ID = Pattern.compile("rcfg-[0-9A-Za-z]+");
    private static final Pattern RESOURCE_SHARE_ARN = Pattern.compile("arn:aws[a-z-]*:ram:[a-z0-9-]+:\\d{12}:resource-share/\\S+");
    private static final Pattern MSK_CLUSTER_ARN = Pattern.compile("arn:aws[a-z-]*:kafka:[a-z0-9-]+:\\d{12}:cluster/\\S+");
    private static final Pattern GCP_SERVICE_ATTACHMENT = Pattern.compile("projects/[^/\\s]+/regions/[^/\\s]+/serviceAttachments/[^/\\s]+");

    private ReversePrivateEndpointRules() {
    }

    /** Field → message for a new endpoint, in form order; empty when it may be sent. */
    static Map<String, String> check(NewEndpointForm form, Collection<String> dnsNamesInUse) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (trim(form.getDescription()).length() > LONGEST_DESCRIPTION) {
            errors.put("description", "At most " + LONGEST_DESCRIPTION + " characters.");
        }
        EndpointType type = EndpointType.of(trim(form.getType())).orElse(null);
        if (type == null) {
            errors.put("type", "Choose what the endpoint connects to.");
            return errors;
        }
        switch (type) {
            case VPC_ENDPOINT_SERVICE -> requireMatch(errors, "vpcEndpointServiceName", form.getVpcEndpointServiceName(),
                    ENDPOINT_SERVICE_NAME, "An AWS VPC endpoint service needs its service name.",
                    "Paste the service name as AWS shows it, e.g. com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0.");
            case VPC_RESOURCE -> {
                requireMatch(errors, "vpcResourceConfigurationId", form.getVpcResourceConfigurationId(),
                        RESOURCE_CONFIGURATION_ID, "A VPC resource needs its resource configuration ID.",
                        "A resource configuration ID looks like rcfg-0123456789abcdef0.");
                requireMatch(errors, "vpcResourceShareArn", form.getVpcResourceShareArn(), RESOURCE_SHARE_ARN,
                        "A VPC resource needs the ARN of the RAM resource share.",
                        "A resource share ARN looks like arn:aws:ram:us-east-1:123456789012:resource-share/….");
            }
            case MSK_MULTI_VPC -> {
                requireMatch(errors, "mskClusterArn", form.getMskClusterArn(), MSK_CLUSTER_ARN,
                        "An MSK multi-VPC endpoint needs the cluster ARN.",
                        "An MSK cluster ARN looks like arn:aws:kafka:us-east-1:123456789012:cluster/my-cluster/….");
                String authentication = trim(form.getMskAuthentication());
                if (authentication.isEmpty()) {
                    errors.put("mskAuthentication", "An MSK multi-VPC endpoint needs the authentication the cluster uses.");
                } else if (!CreateReversePrivateEndpoint.MSK_AUTHENTICATIONS.contains(authentication)) {
                    errors.put("mskAuthentication", "Choose SASL_IAM or SASL_SCRAM.");
                }
            }
            case GCP_PSC_SERVICE_ATTACHMENT -> requireMatch(errors, "gcpServiceAttachment",
                    form.getGcpServiceAttachment(), GCP_SERVICE_ATTACHMENT,
                    "A GCP Private Service Connect endpoint needs the service attachment URI.",
                    "Use the format projects/{project}/regions/{region}/serviceAttachments/{name}.");
        }
        if (!type.customDnsSupported() && !form.typedNames().isEmpty()) {
            errors.put("privateDnsNames", "Custom private DNS names are not supported for " + type.label()
                    + " endpoints: leave these rows empty.");
        } else {
            errors.putAll(dnsNames(form.getPrivateDnsNames(), dnsNamesInUse));
        }
        return errors;
    }

    /** Field → message for a new list of custom private DNS names of an endpoint of this type. */
    static Map<String, String> check(DnsNamesForm form, EndpointType type, Collection<String> dnsNamesInUse) {
        if (type != null && !type.customDnsSupported()) {
            return form.typedNames().isEmpty() ? Map.of() : Map.of("privateDnsNames",
                    "Custom private DNS names are not supported for " + type.label() + " endpoints.");
        }
        return dnsNames(form.getPrivateDnsNames(), dnsNamesInUse);
    }

    private static Map<String, String> dnsNames(List<String> rows, Collection<String> inUse) {
        Map<String, String> errors = new LinkedHashMap<>();
        Set<String> usedElsewhere = new HashSet<>();
        inUse.forEach(name -> usedElsewhere.add(name.toLowerCase(Locale.ROOT)));
        Set<String> seen = new HashSet<>();
        for (int row = 0; row < rows.size(); row++) {
            String name = trim(rows.get(row));
            if (name.isEmpty()) {
                continue;
            }
            String field = "privateDnsNames[" + row + "]";
            String key = name.toLowerCase(Locale.ROOT);
            if (!DNS_NAME.matcher(name).matches()) {
                errors.put(field, "Use a host name such as db.example.internal, or a leading wildcard such as "
                        + "*.example.internal.");
            } else if (!seen.add(key)) {
                errors.put(field, "This name is already in the list.");
            } else if (usedElsewhere.contains(key)) {
                errors.put(field, "Another endpoint of this service already uses this name; names must be unique "
                        + "across the service.");
            }
        }
        return errors;
    }

    private static void requireMatch(Map<String, String> errors, String field, String value, Pattern format,
            String missing, String malformed) {
        String text = trim(value);
        if (text.isEmpty()) {
            errors.put(field, missing);
        } else if (!format.matcher(text).matches()) {
            errors.put(field, malformed);
        }
    }

    static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
