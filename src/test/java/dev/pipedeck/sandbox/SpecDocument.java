package dev.pipedeck.sandbox;

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
 * The published ClickHouse Cloud OpenAPI spec, read from {@code ../shared/} beside the project (never copied into
 * it), to hold the sandbox to it: request schemas to compare its validation with, result schemas to check its answers
 * against. {@code oneOf} is read as {@code anyOf}, as the spec's Kafka {@code credentials} needs (its four shapes
 * require nothing, so every object matches all of them).
 */
final class SpecDocument {

    static final Path LOCATION = Path.of("..", "shared", "clickhouse-cloud-openapi.json").toAbsolutePath().normalize();

    private static SpecDocument loaded;

    private final JsonNode document;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<JsonNode, Schema> validators = new ConcurrentHashMap<>();

    private SpecDocument(JsonNode document) {
        this.document = document;
    }

    /** The spec, or a skipped test saying why when {@code ../shared/} does not hold it. */
    static synchronized SpecDocument loadOrSkip() {
        Assumptions.assumeTrue(Files.isRegularFile(LOCATION), "Skipped: the published OpenAPI spec is not at "
                + LOCATION + " (it lives in shared/ beside the project and is never copied into it)");
        if (loaded == null) {
            loaded = new SpecDocument(oneOfAsAnyOf(JsonMapper.builder().build().readTree(LOCATION.toFile())));
        }
        return loaded;
    }

    /** A named schema of {@code components.schemas}. */
    JsonNode schema(String name) {
        JsonNode schema = document.get("components").get("schemas").get(name);
        if (schema == null) {
            throw new AssertionError("the spec has no schema " + name);
        }
        return schema;
    }

    /** The schema of {@code result} in the 200 answer of the operation at {@code method} and {@code path}. */
    JsonNode resultSchema(String method, String path) {
        JsonNode result = operation(method, path).path("responses").path("200").path("content")
                .path("application/json").path("schema").path("properties").path("result");
        if (result.isMissingNode()) {
            throw new AssertionError(method + " " + path + " has no result in the spec");
        }
        return result;
    }

    /** The operationId of the operation at {@code method} and {@code path}. */
    String operationId(String method, String path) {
        return operation(method, path).get("operationId").asString();
    }

    /** Violations of {@code schema} by {@code instance}; empty when it is valid. */
    List<String> violations(JsonNode schema, JsonNode instance) {
        Schema validator = validators.computeIfAbsent(schema, this::validatorFor);
        return validator.validate(instance).stream().map(Error::toString).toList();
    }

    private JsonNode operation(String method, String path) {
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
        return document.get("paths").get(matches.get(0)).get(verb);
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
            object.forEach(SpecDocument::oneOfAsAnyOf);
        } else if (node.isArray()) {
            node.forEach(SpecDocument::oneOfAsAnyOf);
        }
        return node;
    }
}
