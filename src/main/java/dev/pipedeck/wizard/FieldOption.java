package dev.pipedeck.wizard;

/** A choice of a {@link FieldType#SELECT} field: the value sent to the API and the label a person reads. */
public record FieldOption(String value, String label) {

    public static FieldOption of(String value) {
        return new FieldOption(value, value);
    }
}
