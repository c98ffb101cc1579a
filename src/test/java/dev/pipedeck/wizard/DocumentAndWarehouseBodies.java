package dev.pipedeck.wizard;

import java.util.ArrayList;
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
        List<String> found = new ArrayList<>();
        undeclared(spec, spec.operation("POST", CREATE_PATH).requestSchema(), body, "$", found);
        return found;
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

    private static void undeclared(OpenApiSpec spec, JsonNode schema, JsonNode instance, String path,
            List<String> found) {
        JsonNode resolved = resolve(spec, schema);
        if (resolved.has("anyOf")) {
            if (instance.isNull()) {
                return;
            }
            List<String> closest = null;
            for (JsonNode branch : resolved.get("anyOf")) {
                if ("null".equals(resolve(spec, branch).path("type").asString())) {
                    continue;
                }
                List<String> findings = new ArrayList<>();
                undeclared(spec, branch, instance, path, findings);
                if (closest == null || findings.size() < closest.size()) {
                    closest = findings;
                }
            }
            if (closest != null) {
                found.addAll(closest);
            }
            return;
        }
        if (instance.isObject() && resolved.has("properties")) {
            for (String name : instance.propertyNames()) {
                JsonNode property = resolved.get("properties").get(name);
                if (property == null) {
                    found.add(path + "." + name);
                } else {
                    undeclared(spec, property, instance.get(name), path + "." + name, found);
                }
            }
        } else if (instance.isArray() && resolved.has("items")) {
            int index = 0;
            for (JsonNode item : instance) {
                undeclared(spec, resolved.get("items"), item, path + "[" + index++ + "]", found);
            }
        }
    }

    private static JsonNode resolve(OpenApiSpec spec, JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asString();
            current = spec.schema(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return current;
    }
}
