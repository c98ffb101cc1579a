package dev.pipedeck.wizard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.pipedeck.cloud.clickpipe.ServiceAccount;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Google Cloud service account JSON key file as the Pub/Sub, BigQuery and GCS wizards take it: checked for being a
 * whole service account key, and sent as the spec's {@code ServiceAccount} where the spec wants that object.
 */
final class GoogleServiceAccountKey {

    /** What a Google service account JSON key holds that ClickPipes needs to sign in. */
    private static final List<String> KEY_FIELDS = List.of("project_id", "private_key", "client_email");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GoogleServiceAccountKey() {
    }

    /**
     * The key file as the spec's {@code ServiceAccount}: its content, exactly as uploaded or pasted, base64-encoded.
     */
    static ServiceAccount asServiceAccount(String keyFile, String pipeKind) {
        if (keyFile == null) {
            throw new IllegalArgumentException("a " + pipeKind + " pipe needs a service account key");
        }
        return new ServiceAccount(Base64.getEncoder().encodeToString(keyFile.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Why a JSON document is not a service account key, or null when it looks like one (or is absent, or is not a JSON
     * object at all: the required and JSON checks say so). Never quotes the key.
     */
    static String problem(String keyFile) {
        if (keyFile == null) {
            return null;
        }
        JsonNode key;
        try {
            key = JSON.readTree(keyFile);
        } catch (JacksonException notJson) {
            return null;
        }
        if (key == null || !key.isObject()) {
            return null;
        }
        JsonNode type = key.get("type");
        if (type == null || !type.isString() || !"service_account".equals(type.asString())) {
            String what = type != null && type.isString() && !type.asString().isBlank()
                    ? "This is a " + type.asString() + " credential, not a service account key"
                    : "This JSON is not a service account key";
            return what + ": its \"type\" must be \"service_account\". In the Google Cloud console, open IAM & Admin "
                    + "→ Service accounts → the account → Keys → Add key → JSON, and use the file it downloads.";
        }
        List<String> missing = new ArrayList<>();
        for (String field : KEY_FIELDS) {
            JsonNode value = key.get(field);
            if (value == null || !value.isString() || value.asString().isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            return "This service account key is incomplete: it has no " + String.join(", ", missing)
                    + ". Use the whole JSON key file as Google downloads it.";
        }
        return null;
    }
}
