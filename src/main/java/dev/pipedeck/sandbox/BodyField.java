package dev.pipedeck.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * One field of a request body under check, named by its path ({@code source.kafka.type},
 * {@code destination.columns[0].name}) so that every complaint says which field is wrong. Reading a field checks its
 * JSON type, presence and range; the first problem is thrown as {@code 400 BAD_REQUEST: <path>: <what is wrong>}.
 * Fields nobody reads are tolerated, as the spec allows unknown properties.
 */
final class BodyField {

    /** Whether a field may be left out or sent as JSON {@code null}. */
    enum Presence {
        /** Must be there and not null. */
        REQUIRED,
        /** May be left out, but not sent as null (the spec's type does not include null). */
        OPTIONAL,
        /** May be left out or null (the spec's type includes null). */
        NULLABLE
    }

    private final String path;
    private final JsonNode node;

    private BodyField(String path, JsonNode node) {
        this.path = path;
        this.node = node == null || node.isMissingNode() ? null : node;
    }

    /** The whole body. */
    static BodyField root(JsonNode body) {
        return new BodyField("", body);
    }

    /** The property {@code name} of this object (absent when this is not an object). */
    BodyField field(String name) {
        JsonNode child = node != null && node.isObject() ? node.get(name) : null;
        return new BodyField(path.isEmpty() ? name : path + "." + name, child);
    }

    String path() {
        return path;
    }

    /** The JSON value, or null when absent. */
    JsonNode node() {
        return node;
    }

    /** Whether the field is there and not JSON null. */
    boolean isSet() {
        return node != null && !node.isNull();
    }

    /** A 400 about this field. */
    SandboxApiException invalid(String whatIsWrong) {
        return SandboxApiException.badRequest(path, whatIsWrong);
    }

    /** A string; when required it must not be blank either. */
    String string(Presence presence) {
        if (!present(presence, "a string")) {
            return null;
        }
        if (!node.isString()) {
            throw invalid("must be a string");
        }
        String value = node.asString();
        if (presence == Presence.REQUIRED && value.isBlank()) {
            throw invalid("must not be blank");
        }
        return value;
    }

    /** A string from a fixed list. */
    String oneOf(Presence presence, List<String> allowed) {
        String value = string(presence);
        if (value != null && !allowed.contains(value)) {
            throw invalid("must be one of " + String.join(", ", allowed) + " (got \"" + value + "\")");
        }
        return value;
    }

    /** A whole number within {@code min..max}. */
    Long integer(Presence presence, long min, long max) {
        if (!present(presence, "an integer")) {
            return null;
        }
        if (!node.isNumber() || !isWhole(node.decimalValue())) {
            throw invalid("must be an integer");
        }
        BigDecimal value = node.decimalValue();
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid(range(BigDecimal.valueOf(min), BigDecimal.valueOf(max), max == Long.MAX_VALUE) + " (got "
                    + value.stripTrailingZeros().toPlainString() + ")");
        }
        return value.longValueExact();
    }

    /** A whole number of at least {@code min}. */
    Long integer(Presence presence, long min) {
        return integer(presence, min, Long.MAX_VALUE);
    }

    /** A number within {@code min..max}. */
    Double number(Presence presence, double min, double max) {
        if (!present(presence, "a number")) {
            return null;
        }
        if (!node.isNumber()) {
            throw invalid("must be a number");
        }
        double value = node.doubleValue();
        if (value < min || value > max) {
            throw invalid(range(BigDecimal.valueOf(min), BigDecimal.valueOf(max), false) + " (got "
                    + node.decimalValue().stripTrailingZeros().toPlainString() + ")");
        }
        return value;
    }

    /** A number of any size. */
    Double number(Presence presence) {
        return number(presence, -Double.MAX_VALUE, Double.MAX_VALUE);
    }

    Boolean bool(Presence presence) {
        if (!present(presence, "a boolean")) {
            return null;
        }
        if (!node.isBoolean()) {
            throw invalid("must be true or false");
        }
        return node.booleanValue();
    }

    /** Whether an object is there (checked to be one). */
    boolean object(Presence presence) {
        if (!present(presence, "an object")) {
            return false;
        }
        if (!node.isObject()) {
            throw invalid("must be an object");
        }
        return true;
    }

    /** The items of an array, each a field named {@code path[i]}; empty when absent. */
    List<BodyField> array(Presence presence) {
        if (!present(presence, "an array")) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("must be an array");
        }
        List<BodyField> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new BodyField(path + "[" + i + "]", node.get(i)));
        }
        return items;
    }

    /** An array of strings, optionally without repeats; empty when absent. */
    List<String> strings(Presence presence, boolean unique) {
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (BodyField item : array(presence)) {
            String value = item.string(Presence.REQUIRED);
            if (unique && !seen.add(value)) {
                throw invalid("must not repeat \"" + value + "\"");
            }
            values.add(value);
        }
        return values;
    }

    /** Refuses the field when it is set. */
    void mustBeAbsent(String why) {
        if (isSet()) {
            throw invalid(why);
        }
    }

    private boolean present(Presence presence, String what) {
        if (node == null) {
            if (presence == Presence.REQUIRED) {
                throw invalid("is required");
            }
            return false;
        }
        if (node.isNull()) {
            if (presence == Presence.NULLABLE) {
                return false;
            }
            throw invalid(presence == Presence.REQUIRED ? "is required" : "must be " + what + ", not null");
        }
        return true;
    }

    private static boolean isWhole(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    private static String range(BigDecimal min, BigDecimal max, boolean unbounded) {
        String low = min.stripTrailingZeros().toPlainString();
        return unbounded ? "must be at least " + low
                : "must be between " + low + " and " + max.stripTrailingZeros().toPlainString();
    }
}
