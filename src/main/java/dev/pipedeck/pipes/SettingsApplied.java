package dev.pipedeck.pipes;

import java.util.List;

/**
 * How applying the settings form ended: the changes ClickHouse Cloud accepted (before → after), or the page to show
 * again (with field errors, the API's problem, a conflict or a note) when nothing was applied.
 */
public record SettingsApplied(List<SettingChange> changes, PipeSettingsPage page) {

    static SettingsApplied done(List<SettingChange> changes) {
        return new SettingsApplied(List.copyOf(changes), null);
    }

    static SettingsApplied notApplied(PipeSettingsPage page) {
        return new SettingsApplied(List.of(), page);
    }

    public boolean applied() {
        return page == null;
    }

    /** The flash line: each changed setting, before → after. */
    public String summary() {
        return "Settings applied: " + String.join("; ", changes.stream().map(SettingChange::toString).toList()) + ".";
    }
}
