package dev.pipedeck.wizard;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checks every wizard field gets from its declaration: required, one of its options, a whole number in range, an
 * http(s) URL, an AWS ARN, an ISO-8601 instant, a JSON object. A field that does not apply (its {@code shownWhen} does
 * not match) is not checked.
 */
final class FieldValidation {

    private static final Pattern ARN = Pattern.compile("^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\\d{0,12}:.+$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FieldValidation() {
    }

    /** Field name → message, for the fields of a step that are wrong. */
    static Map<String, String> errors(List<WizardField> fields, WizardValues values) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (WizardField field : fields) {
            if (!field.appliesTo(values)) {
                continue;
            }
            String error = error(field, values);
            if (error != null) {
                errors.put(field.name(), error);
            }
        }
        return errors;
    }

    /** What is wrong with one field, or null. */
    static String error(WizardField field, WizardValues values) {
        if (field.secret()) {
            String secret = values.secret(field.name());
            if (secret == null) {
                return field.required() ? field.label() + " is required." : null;
            }
            return field.type() == FieldType.SECRET_JSON ? jsonObjectError(field, secret) : null;
        }
        String value = values.get(field.name());
        if (value == null) {
            return field.required() && field.type() != FieldType.CHECKBOX ? field.label() + " is required." : null;
        }
        return switch (field.type()) {
            case SELECT -> field.options().stream().anyMatch(option -> option.value().equals(value)) ? null
                    : field.label() + " must be one of: " + String.join(", ",
                            field.options().stream().map(FieldOption::label).toList()) + ".";
            case INTEGER -> integerError(field, value);
            case URL -> urlError(field, value);
            case ARN -> ARN.matcher(value).matches() ? null
                    : field.label() + " must be an AWS ARN, like arn:aws:iam::123456789012:role/clickpipes.";
            case INSTANT -> instantError(field, value);
            case CHECKBOX -> "true".equals(value) ? null : field.label() + " is either on or off.";
            default -> null;
        };
    }

    private static String integerError(WizardField field, String value) {
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return field.label() + " must be a whole number.";
        }
        if ((field.min() != null && number < field.min()) || (field.max() != null && number > field.max())) {
            return field.label() + " must be from " + field.min() + " to " + field.max() + ".";
        }
        return null;
    }

    private static String urlError(WizardField field, String value) {
        try {
            URI uri = new URI(value);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return null;
            }
        } catch (Exception e) {
            // reported below
        }
        return field.label() + " must be a URL starting with https:// (or http://).";
    }

    private static String instantError(WizardField field, String value) {
        try {
            Instant.parse(value);
            return null;
        } catch (DateTimeParseException e) {
            return field.label() + " must be a UTC time like 2026-01-31T12:00:00Z.";
        }
    }

    private static String jsonObjectError(WizardField field, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? null : field.label() + " must be a JSON object (the key file).";
        } catch (JacksonException e) {
            return field.label() + " is not valid JSON: paste or upload the whole key file.";
        }
    }
}
