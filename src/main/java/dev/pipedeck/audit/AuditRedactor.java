package dev.pipedeck.audit;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Keeps secrets out of audit records. A field whose name says it holds a secret (password, secret, secretKey,
 * keySecret, token, privateKey, connectionString, serviceAccountKey, serviceAccountFile, ...; case, dashes and
 * underscores ignored) has its whole value replaced by {@value #REDACTED}, at any depth. In every remaining string,
 * the secret values the caller named, PEM private keys, passwords in URLs and {@code Password=...}-style pairs of
 * connection strings are replaced too.
 */
final class AuditRedactor {

    static final String REDACTED = "[redacted]";

    /** A normalized field name containing one of these names a secret. */
    private static final List<String> SECRET_NAME_PARTS = List.of("password", "passwd", "passphrase", "secret",
            "token", "privatekey", "connectionstring", "serviceaccount", "apikey", "accountkey", "accesskeysecret",
            "sharedaccesskey", "credentialsjson", "jaasconfig");

    /** A normalized field name equal to one of these names a secret. */
    private static final Set<String> SECRET_NAMES = Set.of("pwd", "key", "sslkey", "tlskey", "clientkey",
            "authorization", "cookie", "setcookie", "saslpassword", "jaasconfig", "saslusernamepasswordjaasconfig");

    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
            "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)", Pattern.DOTALL);
    private static final Pattern URL_PASSWORD = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]*:)[^@\\s/]+@");
    private static final Pattern KEY_VALUE_SECRET = Pattern.compile(
            "(?i)\\b(password|pwd|passwd|accountkey|sharedaccesskey|secret|secretkey|token|apikey)(\\s*[=:]\\s*)"
                    + "(\"[^\"]*\"|'[^']*'|[^;&,\\s\"']+)");

    /** Known secret values shorter than this are not scrubbed from text: they would mangle ordinary words. */
    private static final int MIN_SECRET_VALUE_LENGTH = 4;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditRedactor() {
    }

    static boolean isSecretName(String fieldName) {
        if (fieldName == null) {
            return false;
        }
        String normalized = fieldName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return SECRET_NAMES.contains(normalized) || SECRET_NAME_PARTS.stream().anyMatch(normalized::contains);
    }

    /** The object (Map, record, bean, JsonNode) as redacted JSON text, or null for null. */
    static String redactedJson(Object value, Collection<String> secretValues) {
        if (value == null) {
            return null;
        }
        JsonNode tree;
        if (value instanceof JsonNode node) {
            tree = node.deepCopy();
        } else if (value instanceof CharSequence text) {
            tree = StringNode.valueOf(text.toString());
        } else {
            try {
                tree = JSON.valueToTree(value);
            } catch (JacksonException notConvertible) {
                tree = StringNode.valueOf(String.valueOf(value));
            }
        }
        return JSON.writeValueAsString(redact(tree, secretValues));
    }

    /** Raw JSON text (for instance a request body), redacted; text that is not JSON is redacted as plain text. */
    static String redactedJsonText(String json, Collection<String> secretValues) {
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JacksonException notJson) {
            tree = StringNode.valueOf(json);
        }
        return JSON.writeValueAsString(redact(tree, secretValues));
    }

    /** Free text (error messages, names, user agents): known secrets and secret-looking parts replaced. */
    static String redactText(String text, Collection<String> secretValues) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secretValues) {
            if (secret != null && secret.length() >= MIN_SECRET_VALUE_LENGTH) {
                result = result.replace(secret, REDACTED);
            }
        }
        result = PEM_PRIVATE_KEY.matcher(result).replaceAll(Matcher.quoteReplacement(REDACTED));
        result = URL_PASSWORD.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(REDACTED) + "@");
        result = KEY_VALUE_SECRET.matcher(result).replaceAll("$1$2" + Matcher.quoteReplacement(REDACTED));
        return result;
    }

    private static JsonNode redact(JsonNode node, Collection<String> secretValues) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
                String name = field.getKey();
                JsonNode value = field.getValue();
                object.set(name, isSecretName(name) && !value.isNull()
                        ? StringNode.valueOf(REDACTED)
                        : redact(value, secretValues));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redact(array.get(i), secretValues));
            }
            return array;
        }
        if (node.isString()) {
            return StringNode.valueOf(redactText(node.stringValue(), secretValues));
        }
        return node;
    }
}
