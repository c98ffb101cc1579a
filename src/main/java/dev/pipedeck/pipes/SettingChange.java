package dev.pipedeck.pipes;

/** One setting's value before and after, as a person reads them ({@code default} when unset). */
public record SettingChange(String key, String label, String before, String after) {

    @Override
    public String toString() {
        return label + " " + before + " → " + after;
    }
}
