package dev.pipedeck.wizard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a user has typed into a wizard so far, by field name, with the secrets beside (decrypted only in memory, for
 * building the request). Repeated rows use indexed names: {@code columns.0.name}, {@code columns.0.type}, ….
 */
public final class WizardValues {

    private final Map<String, String> values;
    private final Map<String, String> secrets;

    public WizardValues(Map<String, String> values, Map<String, String> secrets) {
        this.values = new TreeMap<>(values);
        this.secrets = new TreeMap<>(secrets);
    }

    public static WizardValues empty() {
        return new WizardValues(Map.of(), Map.of());
    }

    /** A plain value, trimmed; null when absent or blank. */
    public String get(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** A value exactly as typed (for text areas such as certificates), or null. */
    public String raw(String name) {
        return values.get(name);
    }

    public boolean isOn(String name) {
        return "true".equals(get(name));
    }

    /** A secret (decrypted), or null when none was typed. */
    public String secret(String name) {
        String value = secrets.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public boolean hasSecret(String name) {
        return secret(name) != null;
    }

    public Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    public Map<String, String> secrets() {
        return Collections.unmodifiableMap(secrets);
    }

    /** These values with {@code changes} applied (a null or empty value removes the field). */
    public WizardValues with(Map<String, String> changes, Map<String, String> secretChanges) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        changes.forEach((name, value) -> {
            if (value == null) {
                merged.remove(name);
            } else {
                merged.put(name, value);
            }
        });
        Map<String, String> mergedSecrets = new LinkedHashMap<>(secrets);
        secretChanges.forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
                mergedSecrets.remove(name);
            } else {
                mergedSecrets.put(name, value);
            }
        });
        return new WizardValues(merged, mergedSecrets);
    }

    @Override
    public String toString() {
        return "WizardValues" + values.keySet() + " secrets" + secrets.keySet();
    }
}
