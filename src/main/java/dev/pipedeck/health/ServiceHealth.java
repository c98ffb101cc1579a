package dev.pipedeck.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A service's pipes by health, as its dashboard tile shows them: how many are stalled, erroring, failed and healthy
 * (among those with recent metrics), and the stalled and erroring ones, which need a person.
 *
 * @param counts pipes by health; pipes without recent metrics are not counted
 * @param attention the stalled and erroring pipes, by name
 */
public record ServiceHealth(Map<PipeHealth, Integer> counts, List<PipeHealthCell> attention) {

    public ServiceHealth {
        counts = Map.copyOf(counts);
        attention = List.copyOf(attention);
    }

    /** Pipes with recent metrics. */
    public int assessed() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(PipeHealth health) {
        return counts.getOrDefault(health, 0);
    }

    /** "2 stalled, 1 erroring"; "3 healthy" when nothing is wrong; "No metrics yet" without any. */
    public String summary() {
        if (assessed() == 0) {
            return "No metrics yet";
        }
        List<String> parts = new ArrayList<>();
        for (PipeHealth health : List.of(PipeHealth.STALLED, PipeHealth.ERRORING, PipeHealth.FAILED)) {
            if (count(health) > 0) {
                parts.add(count(health) + " " + health.label().toLowerCase(Locale.ROOT));
            }
        }
        if (parts.isEmpty()) {
            return count(PipeHealth.HEALTHY) == 1 ? "1 healthy" : "All " + count(PipeHealth.HEALTHY) + " healthy";
        }
        return String.join(", ", parts);
    }

    /** The tone of the summary: warn or danger when something is wrong, ok otherwise, neutral without metrics. */
    public String tone() {
        if (count(PipeHealth.FAILED) > 0) {
            return "danger";
        }
        if (count(PipeHealth.STALLED) + count(PipeHealth.ERRORING) > 0) {
            return "warn";
        }
        return assessed() == 0 ? "neutral" : "ok";
    }
}
