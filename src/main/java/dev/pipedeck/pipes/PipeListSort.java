package dev.pipedeck.pipes;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

import dev.pipedeck.cloud.clickpipe.ClickPipeState;

/** The columns a pipes list sorts by, as spelled in its {@code sort} parameter. */
public enum PipeListSort {
    NAME("name", false, p -> p.name().toLowerCase(Locale.ROOT)),
    SOURCE("source", false, p -> p.source().toLowerCase(Locale.ROOT)),
    STATE("state", false, p -> attention(p.state())),
    DESTINATION("destination", false, p -> p.destination().toLowerCase(Locale.ROOT)),
    SCALING("scaling", true, PipeSummary::cpuMillicores),
    UPDATED("updated", true, PipeSummary::updatedAt);

    private static final Comparator<PipeSummary> TIES = Comparator
            .comparing((PipeSummary p) -> p.name().toLowerCase(Locale.ROOT))
            .thenComparing(p -> p.id() == null ? "" : p.id());

    private final String parameter;
    private final boolean descendingFirst;
    private final Function<PipeSummary, ? extends Comparable<?>> key;

    PipeListSort(String parameter, boolean descendingFirst, Function<PipeSummary, ? extends Comparable<?>> key) {
        this.parameter = parameter;
        this.descendingFirst = descendingFirst;
        this.key = key;
    }

    /** The value of the {@code sort} parameter. */
    public String parameter() {
        return parameter;
    }

    /** Whether a first click on the column sorts biggest or newest first. */
    public boolean descendingFirst() {
        return descendingFirst;
    }

    /** The column spelled {@code parameter} (any case), or null. */
    public static PipeListSort fromParameter(String parameter) {
        for (PipeListSort sort : values()) {
            if (sort.parameter.equalsIgnoreCase(parameter.strip())) {
                return sort;
            }
        }
        return null;
    }

    /** This column's order (pipes without a value last either way), ties broken by name then id. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Comparator<PipeSummary> comparator(boolean descending) {
        Comparator<Comparable> natural = descending ? Comparator.<Comparable>naturalOrder().reversed()
                : Comparator.naturalOrder();
        Comparator<PipeSummary> primary = Comparator.comparing(p -> (Comparable) key.apply(p),
                Comparator.nullsLast(natural));
        return primary.thenComparing(TIES);
    }

    /** Failing pipes first, then those on the move, stopped or paused, unknown, running, completed. */
    private static int attention(ClickPipeState state) {
        if (state.isTransitional()) {
            return 1;
        }
        return switch (state) {
            case FAILED, INTERNAL_ERROR, DEGRADED -> 0;
            case STOPPED, PAUSED -> 2;
            case RUNNING -> 4;
            case COMPLETED -> 5;
            default -> 3;
        };
    }
}
