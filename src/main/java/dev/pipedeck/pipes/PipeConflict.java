package dev.pipedeck.pipes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.pipedeck.cloud.clickpipe.ClickPipe;

/**
 * Someone changed the pipe after the user opened the page: what the user saw next to what it is now (name, state,
 * tables, last update), so they can decide whether to apply their change to the pipe as it is now. Nothing was sent.
 *
 * @param current the pipe as ClickHouse Cloud holds it now
 * @param lines what differs, plus when it was last updated
 */
public record PipeConflict(ClickPipe current, List<Line> lines) {

    /** One thing the user saw, and what it is now. */
    public record Line(String what, String seen, String now) {
    }

    static PipeConflict between(SeenPipeForm seen, ClickPipe current) {
        List<Line> lines = new ArrayList<>();
        if (!Objects.equals(blankToNull(seen.getSeenName()), current.name())) {
            lines.add(new Line("Name", orDash(seen.getSeenName()), orDash(current.name())));
        }
        String state = current.state() == null ? null : current.state().wireName();
        if (!Objects.equals(blankToNull(seen.getSeenState()), state)) {
            lines.add(new Line("State", orDash(seen.getSeenState()), orDash(state)));
        }
        List<String> tablesNow = TableMappings.labels(current);
        List<String> added = tablesNow.stream().filter(table -> !seen.getSeenTables().contains(table)).toList();
        List<String> removed = seen.getSeenTables().stream().filter(table -> !tablesNow.contains(table)).toList();
        if (!added.isEmpty()) {
            lines.add(new Line("Tables added", "—", String.join(", ", added)));
        }
        if (!removed.isEmpty()) {
            lines.add(new Line("Tables removed", String.join(", ", removed), "—"));
        }
        lines.add(new Line("Last updated", orDash(seen.getSeenUpdatedAt()),
                current.updatedAt() == null ? "—" : current.updatedAt().toString()));
        return new PipeConflict(current, lines);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }
}
