package dev.pipedeck.pipes;

import java.util.Locale;
import java.util.Set;

/**
 * One advanced setting of a pipe as the settings editor shows it: the API key, a label, the spec's description as
 * help text, its type and range, and the source kinds it applies to (empty: every kind).
 *
 * @param key the API's snake_case key in {@code ClickPipeSettings}
 * @param label what the form calls it
 * @param description the spec's description, shown as help text
 * @param type how the value is typed, checked and shown
 * @param min the smallest value the spec allows (ignored for switches)
 * @param max the largest value the spec allows (ignored for switches)
 * @param step the step between allowed values (whole numbers: 1)
 * @param sourceKinds the wire names of the source kinds ({@code kafka}, {@code objectStorage}, …) it applies to;
 *        empty when the spec does not narrow it down
 */
public record SettingField(String key, String label, String description, Type type, long min, long max, long step,
        Set<String> sourceKinds) {

    /** How a setting's value is typed and shown. Every numeric setting is a whole number in the spec. */
    public enum Type {
        /** A plain count (threads, files). */
        COUNT,
        /** A duration in milliseconds. */
        MILLISECONDS,
        /** A size in bytes. */
        BYTES,
        /** A whole number standing for a mode (0, 1, 2). */
        MODE,
        /** On or off. */
        SWITCH
    }

    public SettingField {
        sourceKinds = Set.copyOf(sourceKinds);
    }

    /** A typed value checked against the field: the value to send (null: back to the default) or why it is refused. */
    public record Parsed(Object value, String error) {

        public boolean valid() {
            return error == null;
        }
    }

    /**
     * Checks what a person typed: empty means "back to ClickHouse's default" (sent as null); numbers may carry digit
     * grouping ({@code 10,485,760}); switches are {@code true} or {@code false}.
     */
    public Parsed parse(String text) {
        String typed = text == null ? "" : text.strip();
        if (typed.isEmpty()) {
            return new Parsed(null, null);
        }
        if (isSwitch()) {
            return switch (typed.toLowerCase(Locale.ROOT)) {
                case "true", "on" -> new Parsed(Boolean.TRUE, null);
                case "false", "off" -> new Parsed(Boolean.FALSE, null);
                default -> new Parsed(null, "Choose on, off or the default.");
            };
        }
        String digits = typed.replace(",", "").replace("_", "").replace(" ", "");
        long number;
        try {
            number = Long.parseLong(digits);
        } catch (NumberFormatException notWhole) {
            return new Parsed(null, "Enter a whole number from " + rangeText() + ".");
        }
        if (number < min || number > max) {
            return new Parsed(null, "Must be from " + rangeText() + "; " + grouped(number) + " is out of range.");
        }
        if (step > 1 && (number - min) % step != 0) {
            return new Parsed(null, "Must be in steps of " + grouped(step) + ".");
        }
        return new Parsed(number, null);
    }

    /** As {@link #parse}, with anything unreadable taken as unset: for values the page itself wrote. */
    public Object parseLeniently(String text) {
        Parsed parsed = parse(text);
        return parsed.valid() ? parsed.value() : null;
    }

    /** A value as the form's input holds it: digits without grouping, {@code true}/{@code false}, or empty. */
    public String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number number && !isSwitch()) {
            return Long.toString(number.longValue());
        }
        return String.valueOf(value);
    }

    /** Whether two values of this field are the same setting (a JSON 5000 read as Integer equals a typed 5000L). */
    public boolean same(Object one, Object other) {
        return text(one).equals(text(other));
    }

    public boolean appliesTo(String sourceKind) {
        return sourceKinds.isEmpty() || sourceKinds.contains(sourceKind);
    }

    public boolean isSwitch() {
        return type == Type.SWITCH;
    }

    /** The unit the input's number is in ({@code ms}, {@code bytes}), or null for plain numbers. */
    public String unit() {
        return switch (type) {
            case MILLISECONDS -> "ms";
            case BYTES -> "bytes";
            default -> null;
        };
    }

    /** The allowed range as a person reads it, e.g. {@code 500 to 60,000 ms (0.5 s to 1 min)}. */
    public String rangeText() {
        if (isSwitch()) {
            return "on or off";
        }
        String numbers = grouped(min) + " to " + grouped(max);
        return switch (type) {
            case MILLISECONDS -> numbers + " ms (" + duration(min) + " to " + duration(max) + ")";
            case BYTES -> numbers + " bytes (" + size(min) + " to " + size(max) + ")";
            default -> numbers;
        };
    }

    /** A value as a person reads it: {@code 5,000 ms (5 s)}, {@code on}, or {@code default} when unset. */
    public String display(Object value) {
        if (value == null) {
            return "default";
        }
        if (value instanceof Boolean on) {
            return on ? "on" : "off";
        }
        if (!(value instanceof Number number)) {
            return String.valueOf(value);
        }
        long amount = number.longValue();
        return switch (type) {
            case MILLISECONDS -> grouped(amount) + " ms (" + duration(amount) + ")";
            case BYTES -> grouped(amount) + " bytes (" + size(amount) + ")";
            default -> grouped(amount);
        };
    }

    /** Where the setting applies, for the page: every kind, or the kinds' names. */
    public String scopeText() {
        if (sourceKinds.isEmpty()) {
            return "every kind of pipe";
        }
        return String.join(", ", sourceKinds.stream().map(SettingsCatalogue::kindLabel).sorted().toList());
    }

    private static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String duration(long millis) {
        if (millis >= 3_600_000 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + " h";
        }
        if (millis >= 60_000 && millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        return trimmed(millis / 1000.0) + " s";
    }

    private static String size(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double amount = bytes;
        int unit = 0;
        while (amount >= 1024 && unit < units.length - 1) {
            amount /= 1024;
            unit++;
        }
        return trimmed(amount) + " " + units[unit];
    }

    private static String trimmed(double value) {
        double rounded = Math.round(value * 100) / 100.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }
}
