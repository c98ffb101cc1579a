package dev.pipedeck.sandbox;

import static dev.pipedeck.sandbox.BodyField.Presence.NULLABLE;
import static dev.pipedeck.sandbox.BodyField.Presence.OPTIONAL;
import static dev.pipedeck.sandbox.BodyField.Presence.REQUIRED;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import dev.pipedeck.cloud.clickpipe.CreateReversePrivateEndpoint;
import tools.jackson.databind.JsonNode;

/** What the reverse private endpoint operations accept. */
final class EndpointRules {

    private static final int LONGEST_DESCRIPTION = 255;
    /** The spec: "Supports exact names and leading wildcard names such as *.example.com". */
    private static final Pattern DNS_NAME = Pattern.compile(
            "^(?=.{1,253}$)(?:\\*\\.)?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");

    private EndpointRules() {
    }

    /** A create body: the type and the fields that type requires; DNS names unique across the service. */
    static void create(JsonNode body, Collection<String> namesInUse) {
        BodyField root = PipeRules.object(body);
        BodyField description = root.field("description");
        String text = description.string(OPTIONAL);
        if (text != null && text.length() > LONGEST_DESCRIPTION) {
            throw description.invalid("must be at most " + LONGEST_DESCRIPTION + " characters");
        }
        String type = root.field("type").oneOf(REQUIRED, CreateReversePrivateEndpoint.TYPES);
        root.field("vpcEndpointServiceName").string("VPC_ENDPOINT_SERVICE".equals(type) ? REQUIRED : NULLABLE);
        root.field("vpcResourceConfigurationId").string("VPC_RESOURCE".equals(type) ? REQUIRED : NULLABLE);
        root.field("vpcResourceShareArn").string("VPC_RESOURCE".equals(type) ? REQUIRED : NULLABLE);
        boolean msk = "MSK_MULTI_VPC".equals(type);
        root.field("mskClusterArn").string(msk ? REQUIRED : NULLABLE);
        root.field("mskAuthentication").oneOf(msk ? REQUIRED : NULLABLE, CreateReversePrivateEndpoint.MSK_AUTHENTICATIONS);
        root.field("gcpServiceAttachment").string("GCP_PSC_SERVICE_ATTACHMENT".equals(type) ? REQUIRED : NULLABLE);
        dnsMappings(root.field("customPrivateDnsMappings"), namesInUse);
    }

    /** A change: the new list of custom private DNS names. */
    static void update(JsonNode body, Collection<String> namesInUseElsewhere) {
        dnsMappings(PipeRules.object(body).field("customPrivateDnsMappings"), namesInUseElsewhere);
    }

    private static void dnsMappings(BodyField mappings, Collection<String> namesInUse) {
        Set<String> seen = new HashSet<>();
        for (BodyField mapping : mappings.array(OPTIONAL)) {
            mapping.object(REQUIRED);
            BodyField nameField = mapping.field("privateDnsName");
            String name = nameField.string(REQUIRED);
            if (!DNS_NAME.matcher(name).matches()) {
                throw nameField.invalid("must be a host name, or a leading wildcard name such as *.example.com");
            }
            if (!seen.add(name) || namesInUse.contains(name)) {
                throw nameField.invalid("\"" + name + "\" is already used in this service");
            }
        }
    }
}
