package dev.pipedeck.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the sandbox keeps of a request body: a deep copy without JSON nulls and without secrets. Secrets (passwords,
 * keys, service account files, connection strings, private keys) are never stored, so they can never come back in an
 * answer, the metrics or a log line.
 */
final class StoredBody {

    /** Property names that hold secrets, wherever they appear. */
    static final Set<String> SECRET_FIELDS = Set.of("credentials", "accessKey", "serviceAccountKey", "serviceAccountFile",
            "connectionString", "password", "secretKey", "privateKey");

    private StoredBody() {
    }

    /** A stored copy of an object (an empty object for anything else). */
    static ObjectNode of(JsonNode body) {
        if (body == null || !body.isObject()) {
            return SandboxWire.NODES.objectNode();
        }
        return (ObjectNode) clean(body);
    }

    /** A stored copy of an array (an empty array for anything else). */
    static ArrayNode ofArray(JsonNode body) {
        if (body == null || !body.isArray()) {
            return SandboxWire.NODES.arrayNode();
        }
        return (ArrayNode) clean(body);
    }

    /** Sets each non-null, non-secret property of {@code changes} on {@code target}, except those named. */
    static void merge(ObjectNode target, JsonNode changes, Set<String> except) {
        if (changes == null || !changes.isObject()) {
            return;
        }
        List<String> names = new ArrayList<>(changes.propertyNames());
        for (String name : names) {
            JsonNode value = changes.get(name);
            if (value == null || value.isNull() || SECRET_FIELDS.contains(name) || except.contains(name)) {
                continue;
            }
            target.set(name, clean(value));
        }
    }

    private static JsonNode clean(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = SandboxWire.NODES.objectNode();
            for (var entry : node.properties()) {
                if (!entry.getValue().isNull() && !SECRET_FIELDS.contains(entry.getKey())) {
                    copy.set(entry.getKey(), clean(entry.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = SandboxWire.NODES.arrayNode();
            node.forEach(item -> copy.add(clean(item)));
            return copy;
        }
        return node.deepCopy();
    }
}
