package dev.pipedeck.pipes;

import java.util.ArrayList;
import java.util.List;

/** Table mappings to add and to remove in one change. */
public record MappingChange(List<MappedTable> additions, List<MappedTable> removals) {

    public MappingChange {
        additions = List.copyOf(additions);
        removals = List.copyOf(removals);
    }

    /** The tables after the change, given the tables before it (removals go by target table). */
    List<MappedTable> appliedTo(List<MappedTable> before) {
        List<String> removedTargets = removals.stream().map(MappedTable::target).toList();
        List<MappedTable> after = new ArrayList<>(before.stream()
                .filter(table -> !removedTargets.contains(table.target())).toList());
        after.addAll(additions);
        return after;
    }
}
