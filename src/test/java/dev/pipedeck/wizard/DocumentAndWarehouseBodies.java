package dev.pipedeck.wizard;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import dev.pipedeck.testsupport.OpenApiSpec;
import dev.pipedeck.testsupport.SeedCurlExamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * For the MongoDB and BigQuery wizard tests: the create body a database kind's wizard makes of typed values (as
 * {@link PipeWizard} assembles it), what the spec says of it, and the reference page's examples.
 */
final class DocumentAndWarehouseBodies {

    static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
    static final String CREATE_PATH = "/v1/organizations/" + UUID.randomUUID() + "/services/" + UUID.randomUUID()
            + "/clickpipes";

    private DocumentAndWarehouseBodies() {
    }

    /** The whole create body: name, the wizard's source, the target database and roles, the pipe settings. */
    static JsonNode createBody(SourceWizard wizard, WizardValues values) {
        return JSON.valueToTree(new ClickPipePostRequest(values.get("name"), wizard.source(null, values),
                DatabaseDestination.destination(values), null, null,
                StreamingDestination.settings(wizard.kind(), values)));
    }

    /** What the spec's create operation says is wrong with the body; empty when it accepts it. */
    static List<String> violations(OpenApiSpec spec, JsonNode body) {
        OpenApiSpec.Operation operation = spec.operation("POST", CREATE_PATH);
        if (!"clickPipeCreate".equals(operation.operationId())) {
            throw new AssertionError("not the create operation: " + operation.operationId());
        }
        return spec.violations(operation.requestSchema(), body);
    }

    /** Properties of the body that the spec does not declare (its schemas are open, so validation lets them by). */
    static List<String> undeclared(OpenApiSpec spec, JsonNode body) {
        return spec.undeclaredProperties(spec.operation("POST", CREATE_PATH).requestSchema(), body);
    }

    /** The reference page's create example for a source kind, as JSON. */
    static JsonNode referenceExample(String kind) {
        return SeedCurlExamples.read("org", "svc", "pipe").stream()
                .filter(example -> "POST".equals(example.method()) && example.body() != null
                        && JSON.readTree(example.body()).path("source").has(kind))
                .map(example -> JSON.readTree(example.body())).findFirst()
                .orElseThrow(() -> new AssertionError("the reference page has no " + kind + " create example"));
    }

    /** A pipe as the API answers it, with this source and a database destination. */
    static ClickPipe pipeWith(JsonNode source, String database) {
        ObjectNode pipe = JSON.createObjectNode();
        pipe.put("id", UUID.randomUUID().toString());
        pipe.put("name", "replicated");
        pipe.set("source", source);
        pipe.putObject("destination").put("database", database);
        return JSON.treeToValue(pipe, ClickPipe.class);
    }
}
