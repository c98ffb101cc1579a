package dev.pipedeck.pipes;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.web.util.UriUtils;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestination;
import dev.pipedeck.cloud.clickpipe.ClickPipeScaling;
import dev.pipedeck.cloud.clickpipe.ClickPipeSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeState;

/**
 * One row of a pipes list: what a person scans for (never a secret: sources are reduced to kind and type).
 *
 * @param id the pipe's id
 * @param name its name
 * @param state its state, {@link ClickPipeState#UNKNOWN} when the API sent none
 * @param sourceKind the kind of source, or null when the API sent none this version knows
 * @param source where it reads from, as a person says it ("Kafka · Confluent", "S3")
 * @param destination "database.table", or for database pipes "database + N tables"
 * @param scaling replicas and their size, or what a database pipe scales with
 * @param cpuMillicores replicas × CPU per replica (to sort by size), or null
 * @param updatedAt when it last changed, or null
 * @param updatedAgo {@code updatedAt} relative to when the row was read ("5 min ago")
 */
public record PipeSummary(String id, String name, ClickPipeState state, PipeSource.Kind sourceKind, String source,
        String destination, String scaling, Integer cpuMillicores, Instant updatedAt, String updatedAgo) {

    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** The row of {@code pipe}, its update time told relative to now. */
    static PipeSummary of(ClickPipe pipe) {
        return of(pipe, Instant.now());
    }

    /** The row of {@code pipe}, its update time told relative to {@code now}. */
    static PipeSummary of(ClickPipe pipe, Instant now) {
        PipeSource source = PipeSource.of(pipe.source());
        boolean database = source.kind() != null && source.kind().database();
        ClickPipeScaling scaling = pipe.scaling();
        return new PipeSummary(pipe.id(), pipe.name() == null ? "" : pipe.name(),
                pipe.state() == null ? ClickPipeState.UNKNOWN : pipe.state(), source.kind(), source.label(),
                destination(pipe.destination(), database ? tableCount(pipe.source()) : -1),
                scaling(scaling, database), cpuMillicores(scaling), pipe.updatedAt(), ago(pipe.updatedAt(), now));
    }

    /** The state's colour class: ok, warn, danger, transient or neutral (css {@code state-*}). */
    public String tone() {
        return toneOf(state);
    }

    /** A pipe state's colour class: ok, warn, danger, transient or neutral. */
    static String toneOf(ClickPipeState state) {
        if (state == null) {
            return "neutral";
        }
        if (state.isTransitional()) {
            return "transient";
        }
        return switch (state) {
            case RUNNING, COMPLETED -> "ok";
            case STOPPED, PAUSED -> "warn";
            case FAILED, DEGRADED, INTERNAL_ERROR -> "danger";
            default -> "neutral";
        };
    }

    /** The id as a URL path segment (encoded), for links built from the list's own address. */
    public String pathId() {
        return id == null ? "" : UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
    }

    /** Whether the row should keep itself current: the pipe settles out of this state on its own. */
    public boolean transitional() {
        return state.isTransitional();
    }

    public String stateLabel() {
        return label(state);
    }

    /** A state as people read it: the API's spelling, with InternalError in two words. */
    static String label(ClickPipeState state) {
        return state == ClickPipeState.INTERNAL_ERROR ? "Internal error" : state.wireName();
    }

    /** Whether {@code lowerCaseText} is part of the name, id, source or destination. */
    boolean mentions(String lowerCaseText) {
        return contains(name, lowerCaseText) || contains(id, lowerCaseText)
                || contains(source, lowerCaseText) || contains(destination, lowerCaseText);
    }

    private static boolean contains(String value, String lowerCaseText) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerCaseText);
    }

    private static int tableCount(ClickPipeSource source) {
        List<?> mappings = source.postgres() != null ? source.postgres().tableMappings()
                : source.mysql() != null ? source.mysql().tableMappings()
                : source.mongodb() != null ? source.mongodb().tableMappings()
                : source.bigquery() != null ? source.bigquery().tableMappings() : null;
        return mappings == null ? 0 : mappings.size();
    }

    private static String destination(ClickPipeDestination destination, int tables) {
        if (destination == null) {
            return "—";
        }
        String database = destination.database() == null || destination.database().isBlank() ? "default"
                : destination.database();
        if (tables > 0) {
            return database + " + " + tables + (tables == 1 ? " table" : " tables");
        }
        return destination.table() != null ? database + "." + destination.table() : database;
    }

    private static String scaling(ClickPipeScaling scaling, boolean database) {
        if (scaling == null || scaling.replicas() == null) {
            return database ? "Service CDC capacity" : "—";
        }
        StringBuilder text = new StringBuilder().append(scaling.replicas())
                .append(scaling.replicas() == 1 ? " replica" : " replicas");
        if (scaling.replicaCpuMillicores() != null) {
            text.append(" · ").append(BigDecimal.valueOf(scaling.replicaCpuMillicores(), 3).stripTrailingZeros()
                    .toPlainString()).append(" vCPU");
        }
        if (scaling.replicaMemoryGb() != null) {
            text.append(" · ").append(BigDecimal.valueOf(scaling.replicaMemoryGb()).stripTrailingZeros()
                    .toPlainString()).append(" GB");
        }
        return text.toString();
    }

    private static Integer cpuMillicores(ClickPipeScaling scaling) {
        if (scaling == null || scaling.replicas() == null) {
            return null;
        }
        return scaling.replicas() * (scaling.replicaCpuMillicores() == null ? 0 : scaling.replicaCpuMillicores());
    }

    /** "just now", "5 min ago", "3 h ago", "2 days ago"; older than a month: the date. */
    static String ago(Instant then, Instant now) {
        if (then == null) {
            return "—";
        }
        Duration age = Duration.between(then, now);
        if (age.toSeconds() < 60) {
            return "just now";
        }
        if (age.toMinutes() < 60) {
            return age.toMinutes() + " min ago";
        }
        if (age.toHours() < 24) {
            return age.toHours() + " h ago";
        }
        if (age.toDays() < 31) {
            return age.toDays() == 1 ? "1 day ago" : age.toDays() + " days ago";
        }
        return OLD.format(then);
    }
}
