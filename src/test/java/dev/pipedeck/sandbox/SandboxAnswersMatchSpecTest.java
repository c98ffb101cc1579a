package dev.pipedeck.sandbox;

import dev.pipedeck.testsupport.OpenApiSpec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.pipedeck.cloud.RawCloudResponse;
import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the sandbox answers, held to the published spec in {@code ../shared/} (skipped, saying so, where it is
 * absent): every operation it serves exists in the spec under the same path, method and operationId, and every
 * {@code result} it sends validates against that operation's result schema, for pipes of every kind and state.
 */
class SandboxAnswersMatchSpecTest extends SandboxServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private OpenApiSpec spec;
    private String org;

    @BeforeEach
    void loadSpec() {
        spec = OpenApiSpec.loadOrSkip();
        org = "/organizations/" + access.organizationId();
    }

    @Test
    void everyOperationTheSandboxServesIsTheSpecsUnderTheSameOperationId() {
        List<String> served = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            if (entry.getValue().getBeanType() != SandboxApiController.class
                    || entry.getKey().getMethodsCondition().getMethods().isEmpty()) {
                continue;
            }
            String method = entry.getKey().getMethodsCondition().getMethods().iterator().next().name();
            for (String pattern : entry.getKey().getPatternValues()) {
                String path = pattern.substring("/sandbox".length());
                assertThat(spec.operation(method, path).operationId()).as(method + " " + path)
                        .isEqualTo(entry.getValue().getMethod().getName());
                served.add(entry.getValue().getMethod().getName());
            }
        }
        assertThat(served).as("22 client operations and 2 metrics endpoints").hasSize(24).doesNotHaveDuplicates();
    }

    @Test
    void organizationServicesAndKeysAnswerAsTheSpecSays() {
        conforms("GET", org, null);
        conforms("GET", org + "/keys", null);
        conforms("GET", org + "/services", null);
        conforms("GET", org + "/services/" + STAGING, null);
        conforms("PATCH", org + "/services/" + STAGING + "/state", "{\"command\":\"start\"}");
    }

    @Test
    void pipesOfEveryKindAndStateAnswerAsTheSpecSays() {
        String pipes = org + "/services/" + PRODUCTION + "/clickpipes";
        for (ClickPipePostRequest body : SandboxBodies.everyKind().values()) {
            JsonNode created = conforms("POST", pipes, JSON.writeValueAsString(body));
            conforms("GET", pipes + "/" + created.get("id").asString(), null);
        }
        clock.advance(DELAY.multipliedBy(3));
        faults.setHostileStrings(true);
        cloud.showHostilePipes(true);
        assertThat(conforms("GET", pipes, null).size()).isGreaterThan(20);
        conforms("GET", org + "/services/" + STAGING + "/clickpipes", null);
    }

    @Test
    void changesScalingSettingsAndCommandsAnswerAsTheSpecSays() {
        String pipes = org + "/services/" + PRODUCTION + "/clickpipes";
        String kafka = pipes + "/" + conforms("POST", pipes, JSON.writeValueAsString(SandboxBodies.kafkaConfluent()))
                .get("id").asString();
        conforms("PATCH", kafka, "{\"name\":\"renamed\"}");
        conforms("GET", kafka + "/settings", null);
        conforms("PUT", kafka + "/settings", "{\"streaming_max_insert_wait_ms\":2000}");
        conforms("PATCH", kafka + "/scaling", "{\"replicas\":2}");
        conforms("PATCH", kafka + "/state", "{\"command\":\"stop\"}");
        conforms("GET", org + "/services/" + PRODUCTION + "/clickpipesCdcScaling", null);
        conforms("PATCH", org + "/services/" + PRODUCTION + "/clickpipesCdcScaling",
                "{\"replicaCpuMillicores\":2000,\"replicaMemoryGb\":8}");
        conforms("POST", pipes + "/schemaDiscovery", "{\"source\":{\"kinesis\":"
                + JSON.valueToTree(SandboxBodies.kinesis()).get("source").get("kinesis") + "}}");
    }

    @Test
    void reversePrivateEndpointsAnswerAsTheSpecSays() {
        String endpoints = org + "/services/" + PRODUCTION + "/clickpipesReversePrivateEndpoints";
        conforms("GET", endpoints, null);
        String endpoint = endpoints + "/" + conforms("POST", endpoints, "{\"description\":\"rds\",\"type\":"
                + "\"VPC_RESOURCE\",\"vpcResourceConfigurationId\":\"rcfg-0123456789abcdef0\",\"vpcResourceShareArn\":"
                + "\"arn:aws:ram:us-east-1:123456789012:resource-share/abc\"}").get("id").asString();
        conforms("GET", endpoint, null);
        conforms("PATCH", endpoint, "{\"customPrivateDnsMappings\":[{\"privateDnsName\":\"db.internal\"}]}");
    }

    @Test
    void errorsComeInTheSpecsErrorEnvelope() {
        RawCloudResponse refused = call(client.exchangeRaw(connection, HttpMethod.POST,
                org + "/services/" + PRODUCTION + "/clickpipes", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(refused.status()).isEqualTo(400);
        JsonNode envelope = JSON.readTree(refused.body());
        assertThat(envelope.propertyNames()).containsExactlyInAnyOrder("status", "requestId", "error");
        assertThat(envelope.get("status").asInt()).isEqualTo(400);
        assertThat(envelope.get("error").asString()).startsWith("BAD_REQUEST: name: ");
    }

    /** Sends a request and checks the success envelope and its result against the spec; answers the result. */
    private JsonNode conforms(String method, String path, String body) {
        RawCloudResponse response = call(client.exchangeRaw(connection, HttpMethod.valueOf(method), path,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.status()).as(method + " " + path + ": " + response.bodyText()).isEqualTo(200);
        JsonNode envelope = JSON.readTree(response.body());
        assertThat(envelope.propertyNames()).containsExactlyInAnyOrderElementsOf(Set.of("status", "requestId", "result"));
        assertThat(envelope.get("status").asInt()).isEqualTo(200);
        assertThat(envelope.get("requestId").asString()).matches("[0-9a-f-]{36}");
        JsonNode result = envelope.get("result");
        assertThat(spec.violations(resultSchema(method, "/v1" + path), result))
                .as(method + " " + path + " answers what the spec promises").isEmpty();
        return result;
    }

    /** The schema of {@code result} in the operation's 200 answer; the spec must define one. */
    private JsonNode resultSchema(String method, String path) {
        JsonNode schema = spec.operation(method, path).resultSchema();
        assertThat(schema).as(method + " " + path + " has a result in the spec").isNotNull();
        return schema;
    }
}
