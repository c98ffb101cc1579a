package dev.pipedeck.pipes;

/**
 * One setting on the settings page: the field, the text in its input (what the user typed, or the current value),
 * the value the user was shown when the page loaded (sent back hidden, to tell which fields they changed) and the
 * reason it was refused, if it was.
 */
public record SettingRow(SettingField field, String value, String seen, String error) {

    /** The input's id, for its label. */
    public String inputId() {
        return "setting-" + field.key();
    }

    /** The name of the hidden input holding the value the user was shown. */
    public String seenName() {
        return PipeSettingsEditor.SEEN_PREFIX + field.key();
    }
}
