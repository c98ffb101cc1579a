package dev.pipedeck.pipes;

import java.time.Instant;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestination;
import dev.pipedeck.cloud.clickpipe.ClickPipeScaling;
import dev.pipedeck.cloud.clickpipe.ClickPipeSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeState;

/** One row of a pipes list: what a person scans for (never a secret: sources are reduced to kind and type). */
public record PipeSummary(String id, String name, ClickPipeState state, String source, String destination,
        String scaling, Instant updatedAt) {

    static PipeSummary of(ClickPipe pipe) {
        return new PipeSummary(pipe.id(), pipe.name(), pipe.state(), source(pipe.source()),
                destination(pipe.destination()), scaling(pipe.scaling()), pipe.updatedAt());
    }

    /** The state's colour class: ok, warn, danger, transient or neutral. */
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
        return switch (state.name()) {
            case "RUNNING", "COMPLETED" -> "ok";
            case "STOPPED", "PAUSED" -> "warn";
            case "FAILED", "DEGRADED", "INTERNAL_ERROR" -> "danger";
            default -> "neutral";
        };
    }

    public String stateLabel() {
        return state == null ? "Unknown" : state.wireName();
    }

    private static String source(ClickPipeSource source) {
        if (source == null) {
            return "—";
        }
        if (source.kafka() != null) {
            return "Kafka" + type(source.kafka().type());
        }
        if (source.objectStorage() != null) {
            return "Object storage" + type(source.objectStorage().type());
        }
        if (source.kinesis() != null) {
            return "Kinesis";
        }
        if (source.pubsub() != null) {
            return "Pub/Sub";
        }
        if (source.postgres() != null) {
            return "Postgres CDC" + type(source.postgres().type());
        }
        if (source.mysql() != null) {
            return "MySQL CDC" + type(source.mysql().type());
        }
        if (source.mongodb() != null) {
            return "MongoDB CDC";
        }
        return source.bigquery() != null ? "BigQuery" : "—";
    }

    private static String type(String type) {
        return type == null || type.isBlank() ? "" : " · " + type;
    }

    private static String destination(ClickPipeDestination destination) {
        if (destination == null) {
            return "—";
        }
        String database = destination.database() == null ? "default" : destination.database();
        return destination.table() != null ? database + "." + destination.table() : database;
    }

    private static String scaling(ClickPipeScaling scaling) {
        if (scaling == null || scaling.replicas() == null) {
            return "—";
        }
        StringBuilder text = new StringBuilder().append(scaling.replicas()).append(" × ");
        text.append(scaling.replicaCpuMillicores() == null ? "?" : scaling.replicaCpuMillicores() + "m");
        if (scaling.replicaMemoryGb() != null) {
            text.append(" / ").append(scaling.replicaMemoryGb()).append(" GB");
        }
        return text.toString();
    }
}
