package dev.pipedeck.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published ClickHouse Cloud OpenAPI document, read from {@code ../shared/} beside the project (never copied into
 * it), with JSON Schema validators for operations' request bodies and results. {@code oneOf} is read as {@code anyOf}:
 * the spec's Kafka {@code credentials} is a {@code oneOf} of four schemas that require nothing, which every object
 * matches at once.
 */
public final class OpenApiSpec {

    static final Path LOCATION = Path.of("..", "shared", "clickhouse-cloud-openapi.json").toAbsolutePath().normalize();

    private static OpenApiSpec loaded;

    private final JsonNode document;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<JsonNode, Schema> validators = new ConcurrentHashMap<>();

    private OpenApiSpec(JsonNode document) {
        this.document = document;
    }

    /** The spec, or a skipped test (JUnit assumption) saying why when {@code ../shared/} does not hold it. */
    public static synchronized OpenApiSpec loadOrSkip() {
        Assumptions.assumeTrue(Files.isRegularFile(LOCATION), "Skipped: the published OpenAPI spec is not at "
                + LOCATION + " (it lives in shared/ beside the project and is never copied into it)");
        if (loaded == null) {
            JsonNode document = JsonMapper.builder().build().readTree(LOCATION.toFile());
            loaded = new OpenApiSpec(oneOfAsAnyOf(document));
        }
        return loaded;
    }

    /** The operation a request with this method and path (without query) is sent to; fails when there is none. */
    public Operation operation(String method, String path) {
        String verb = method.toLowerCase(Locale.ROOT);
        List<String> matches = new ArrayList<>();
        document.get("paths").properties().forEach(entry -> {
            if (entry.getValue().has(verb) && templatePattern(entry.getKey()).matcher(path).matches()) {
                matches.add(entry.getKey());
            }
        });
        if (matches.isEmpty()) {
            throw new AssertionError("the spec has no operation " + method + " " + path);
        }
        matches.sort(Comparator.comparingLong(template -> template.chars().filter(c -> c == '{').count()));
        String template = matches.get(0);
        JsonNode node = document.get("paths").get(template).get(verb);
        JsonNode request = node.path("requestBody").path("content").path("application/json").path("schema");
        JsonNode result = node.path("responses").path("200").path("content").path("application/json").path("schema")
                .path("properties").path("result");
        return new Operation(node.get("operationId").asString(), template, request.isMissingNode() ? null : request,
                result.isMissingNode() ? null : result);
    }

    /** Violations of {@code schema} by {@code instance}; empty when it is valid. */
    public List<String> violations(JsonNode schema, JsonNode instance) {
        Schema validator = validators.computeIfAbsent(schema, this::validatorFor);
        return validator.validate(instance).stream().map(Error::toString).toList();
    }

    /**
     * Properties of {@code instance} that {@code schema} does not declare (the spec's schemas accept any extra
     * property, so the JSON Schema check alone would let a misspelt field through). Of an {@code anyOf} or
     * {@code oneOf}, the branch that declares the most of them is held to; a null instance of one passes.
     */
    public List<String> undeclaredProperties(JsonNode schema, JsonNode instance) {
        List<String> found = new ArrayList<>();
        undeclared(schema, instance, "$", found);
        return found;
    }

    private void undeclared(JsonNode schema, JsonNode instance, String path, List<String> found) {
        JsonNode resolved = resolve(schema);
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (resolved.has(combinator)) {
                if (instance.isNull()) {
                    return;
                }
                List<String> closest = null;
                for (JsonNode branch : resolved.get(combinator)) {
                    if ("null".equals(resolve(branch).path("type").asString())) {
                        continue;
                    }
                    List<String> findings = new ArrayList<>();
                    undeclared(branch, instance, path, findings);
                    if (closest == null || findings.size() < closest.size()) {
                        closest = findings;
                    }
                }
                if (closest != null) {
                    found.addAll(closest);
                }
                return;
            }
        }
        if (instance.isObject() && resolved.has("properties")) {
            for (String name : instance.propertyNames()) {
                JsonNode property = resolved.get("properties").get(name);
                if (property == null) {
                    found.add(path + "." + name);
                } else {
                    undeclared(property, instance.get(name), path + "." + name, found);
                }
            }
        } else if (instance.isArray() && resolved.has("items")) {
            int index = 0;
            for (JsonNode item : instance) {
                undeclared(resolved.get("items"), item, path + "[" + index++ + "]", found);
            }
        }
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asString();
            current = schema(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return current;
    }

    /** A named schema of {@code components.schemas}. */
    public JsonNode schema(String name) {
        JsonNode schema = document.get("components").get("schemas").get(name);
        if (schema == null) {
            throw new AssertionError("the spec has no schema " + name);
        }
        return schema;
    }

    /** The enum of a property of a named schema, following a nullable {@code anyOf} or array items. */
    public List<String> enumOf(String schemaName, String property) {
        JsonNode node = schema(schemaName).get("properties").get(property);
        if (node.has("items")) {
            node = node.get("items");
        }
        JsonNode values = node.get("enum");
        if (values == null) {
            throw new AssertionError(schemaName + "." + property + " has no enum in the spec");
        }
        List<String> result = new ArrayList<>();
        values.forEach(value -> {
            if (!value.isNull()) {
                result.add(value.asString());
            }
        });
        return result;
    }

    private Schema validatorFor(JsonNode schema) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        root.putArray("allOf").add(schema);
        root.set("components", document.get("components"));
        return registry.getSchema(root);
    }

    private static Pattern templatePattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static JsonNode oneOfAsAnyOf(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("oneOf")) {
                object.set("anyOf", object.remove("oneOf"));
            }
            object.forEach(OpenApiSpec::oneOfAsAnyOf);
        } else if (node.isArray()) {
            node.forEach(OpenApiSpec::oneOfAsAnyOf);
        }
        return node;
    }

    /**
     * An operation of the spec.
     *
     * @param requestSchema schema of the JSON request body, or null when it takes none
     * @param resultSchema schema of {@code result} in the 200 answer, or null when it has none
     */
    public record Operation(String operationId, String pathTemplate, JsonNode requestSchema, JsonNode resultSchema) {
    }
}
