package dev.pipedeck.pipes;

import java.util.Map;

import dev.pipedeck.cloud.clickpipe.ClickPipe;

/**
 * What became of a scaling form: refused fields (nothing sent), nothing to change, or the upstream outcome with the
 * values before and after (only those that changed).
 */
public record ScalingChange(Map<String, String> errors, ChangeOutcome<ClickPipe> outcome, Map<String, Object> before,
        Map<String, Object> after) {

    static ScalingChange invalid(Map<String, String> errors) {
        return new ScalingChange(errors, null, Map.of(), Map.of());
    }

    static ScalingChange unchanged() {
        return new ScalingChange(Map.of(), null, Map.of(), Map.of());
    }

    public boolean refused() {
        return !errors.isEmpty();
    }

    public boolean nothingChanged() {
        return errors.isEmpty() && outcome == null;
    }

    /** "replicas 1 → 3, replicaCpuMillicores 500 → 750" for the flash message. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        before.forEach((field, value) -> {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(field).append(' ').append(value).append(" → ").append(after.get(field));
        });
        return text.toString();
    }
}
