package dev.pipedeck.cloud;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps secrets out of messages and logs. A field is secret when its name is {@code credentials},
 * {@code serviceAccountKey}, {@code serviceAccountFile} or {@code connectionString}, or contains {@code password},
 * {@code secret} or {@code privateKey} (any case); everything under a secret field is secret.
 */
public final class SecretRedactor {

    /** What a secret is replaced by. */
    public static final String MASK = "••••";

    private static final Set<String> SECRET_NAMES =
            Set.of("credentials", "serviceaccountkey", "serviceaccountfile", "connectionstring");
    private static final List<String> SECRET_NAME_PARTS = List.of("password", "secret", "privatekey");
    /** Shorter values are left alone: masking every "1" or "ab" would garble a message and protect nothing. */
    private static final int SHORTEST_MASKED = 4;

    private final List<String> secrets;

    private SecretRedactor(Set<String> secrets) {
        List<String> sorted = new ArrayList<>(secrets);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
    }

    /** A redactor for one request: it hides the key secret and every secret value in the JSON body. */
    public static SecretRedactor forRequest(CloudConnection connection, byte[] jsonBody) {
        Set<String> values = new LinkedHashSet<>();
        values.add(connection.keySecret());
        if (jsonBody != null && jsonBody.length > 0) {
            try {
                collectSecretValues(CloudJson.MAPPER.readTree(jsonBody), false, values);
            } catch (JacksonException e) {
                // Not JSON: nothing structured to collect; the key secret is still hidden.
            }
        }
        values.removeIf(value -> value == null || value.length() < SHORTEST_MASKED);
        return new SecretRedactor(values);
    }

    /** Whether a field of this name holds a secret. */
    public static boolean isSecretField(String fieldName) {
        String name = fieldName.toLowerCase(Locale.ROOT);
        return SECRET_NAMES.contains(name) || SECRET_NAME_PARTS.stream().anyMatch(name::contains);
    }

    /** A copy of {@code json} whose secret fields hold {@link #MASK}; fit for logs, audit records and pages. */
    public static JsonNode mask(JsonNode json) {
        JsonNode copy = json.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    /** {@code text} with every known secret replaced by {@link #MASK}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (isSecretField(name) && !value.isNull()) {
                    object.put(name, MASK);
                } else {
                    maskInPlace(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(SecretRedactor::maskInPlace);
        }
    }

    private static void collectSecretValues(JsonNode node, boolean underSecret, Set<String> values) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collectSecretValues(field.getValue(), underSecret || isSecretField(field.getKey()), values);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectSecretValues(element, underSecret, values));
        } else if (underSecret && node.isValueNode() && !node.isNull()) {
            values.add(node.asString());
        }
    }
}
