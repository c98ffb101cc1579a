package dev.pipedeck.alerts;

import java.util.Map;

/** A rule or channel form's outcome: saved (with its id), or refused with a message per field. */
public record AlertSaveOutcome(long id, Map<String, String> problems) {

    public AlertSaveOutcome {
        problems = Map.copyOf(problems);
    }

    static AlertSaveOutcome saved(long id) {
        return new AlertSaveOutcome(id, Map.of());
    }

    static AlertSaveOutcome refused(Map<String, String> problems) {
        return new AlertSaveOutcome(0, problems);
    }

    public boolean isSaved() {
        return problems.isEmpty();
    }
}
