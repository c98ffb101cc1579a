package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pipedeck.testsupport.OpenApiSpec;
import tools.jackson.databind.JsonNode;

/**
 * The console's checks follow the published spec: they offer exactly its endpoint types and MSK authentications, and
 * never refuse the spec's own example values.
 */
class ReversePrivateEndpointRulesTest {

    @Test
    void theFormOffersExactlyTheSpecsTypesAndAuthentications() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        assertThat(Arrays.stream(EndpointType.values()).map(Enum::name).toList())
                .containsExactlyElementsOf(spec.enumOf("CreateReversePrivateEndpoint", "type"));
        assertThat(dev.pipedeck.cloud.clickpipe.CreateReversePrivateEndpoint.MSK_AUTHENTICATIONS)
                .containsExactlyElementsOf(spec.enumOf("CreateReversePrivateEndpoint", "mskAuthentication"));
    }

    @Test
    void theSpecsExampleValuesPassForEveryType() {
        JsonNode properties = OpenApiSpec.loadOrSkip().schema("CreateReversePrivateEndpoint").get("properties");
        for (EndpointType type : EndpointType.values()) {
            NewEndpointForm form = new NewEndpointForm();
            form.setDescription(example(properties, "description"));
            form.setType(type.name());
            form.setVpcEndpointServiceName(example(properties, "vpcEndpointServiceName"));
            form.setVpcResourceConfigurationId(example(properties, "vpcResourceConfigurationId"));
            form.setVpcResourceShareArn(example(properties, "vpcResourceShareArn"));
            form.setMskClusterArn(example(properties, "mskClusterArn"));
            form.setMskAuthentication(example(properties, "mskAuthentication"));
            form.setGcpServiceAttachment(example(properties, "gcpServiceAttachment"));
            if (type.customDnsSupported()) {
                List<String> names = properties.get("customPrivateDnsMappings").get("example").valueStream()
                        .map(mapping -> mapping.get("privateDnsName").asString()).toList();
                assertThat(names).contains("*.example.com");
                form.setPrivateDnsNames(names);
            }
            assertThat(ReversePrivateEndpointRules.check(form, List.of())).as(type.name()).isEmpty();
        }
    }

    @Test
    void aTypesOwnFieldsAreRequiredAndOtherTypesFieldsIgnored() {
        NewEndpointForm form = new NewEndpointForm();
        form.setType("VPC_RESOURCE");
        form.setMskClusterArn("not an ARN, and not this type's field");
        assertThat(ReversePrivateEndpointRules.check(form, List.of()).keySet())
                .containsExactly("vpcResourceConfigurationId", "vpcResourceShareArn");
        assertThat(ReversePrivateEndpoints.bodyOf(form).mskClusterArn()).isNull();
    }

    private static String example(JsonNode properties, String name) {
        return properties.get(name).get("example").asString();
    }
}
