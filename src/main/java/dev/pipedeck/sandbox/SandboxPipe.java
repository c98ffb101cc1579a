package dev.pipedeck.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.pipedeck.cloud.clickpipe.ClickPipeCommand;
import dev.pipedeck.cloud.clickpipe.ClickPipeState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One ClickPipe of the sandbox: what it was created with (secrets left out), what has changed since, and the timeline
 * of its states. Not thread-safe: {@link SandboxCloud} guards every pipe with its lock.
 */
final class SandboxPipe {

    private static final Set<String> NOT_MERGED = Set.of("settings", "tableMappingsToAdd", "tableMappingsToRemove",
            "tableMappings");

    private final String id;
    private final String serviceId;
    private final SourceKind kind;
    private final Instant createdAt;
    private final Clock clock;
    private final Throughput throughput;
    private String name;
    private final ObjectNode source;
    private ObjectNode destination;
    private ArrayNode fieldMappings;
    private final ObjectNode scaling;
    private final Map<String, JsonNode> settings = new LinkedHashMap<>();
    private Instant updatedAt;
    private Timeline<ClickPipeState> timeline;

    private SandboxPipe(String id, String serviceId, SourceKind kind, JsonNode body, Instant createdAt, Clock clock,
            Throughput throughput) {
        this.id = id;
        this.serviceId = serviceId;
        this.kind = kind;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.clock = clock;
        this.throughput = throughput;
        this.name = body.get("name").asString();
        this.source = StoredBody.of(body.get("source").get(kind.wireName()));
        this.destination = StoredBody.of(body.get("destination"));
        this.fieldMappings = body.has("fieldMappings") ? StoredBody.ofArray(body.get("fieldMappings")) : null;
        this.scaling = kind.isDatabase() ? null : defaultScaling();
        if (scaling != null) {
            StoredBody.merge(scaling, body.get("scaling"), Set.of());
        }
        JsonNode givenSettings = body.get("settings");
        if (givenSettings != null && givenSettings.isObject()) {
            putSettings(PipeRules.settings(givenSettings));
        }
        fillDefaults();
    }

    /** A pipe just created from a checked body: it starts provisioning (streaming) or setting up (database). */
    static SandboxPipe created(String id, String serviceId, SourceKind kind, JsonNode body, Clock clock, Duration delay,
            Throughput throughput) {
        Instant now = clock.instant();
        SandboxPipe pipe = new SandboxPipe(id, serviceId, kind, body, now, clock, throughput);
        pipe.timeline = Timeline.plan(now, delay, SandboxPipe::isRunning, pipe.creationStates());
        return pipe;
    }

    /** A pipe that has existed since {@code createdAt} and followed {@code timeline}. */
    static SandboxPipe existing(String id, String serviceId, SourceKind kind, JsonNode body, Instant createdAt,
            Timeline<ClickPipeState> timeline, Clock clock, Throughput throughput) {
        SandboxPipe pipe = new SandboxPipe(id, serviceId, kind, body, createdAt, clock, throughput);
        pipe.timeline = timeline;
        return pipe;
    }

    static boolean isRunning(ClickPipeState state) {
        return state == ClickPipeState.RUNNING;
    }

    String id() {
        return id;
    }

    String serviceId() {
        return serviceId;
    }

    String name() {
        return name;
    }

    SourceKind kind() {
        return kind;
    }

    Throughput throughput() {
        return throughput;
    }

    ClickPipeState currentState() {
        return timeline.stateAt(clock.instant());
    }

    boolean isPaused() {
        return currentState() == ClickPipeState.PAUSED;
    }

    /** How long the pipe has been running, over its whole life. */
    Duration runningTime() {
        return timeline.countedTime(clock.instant());
    }

    /** A string property of the stored source, or null. */
    String sourceText(String property) {
        JsonNode value = source.get(property);
        return value != null && value.isString() ? value.asString() : null;
    }

    /** The source type as the metrics label {@code clickpipe_source} spells it: confluent, s3, postgres, … */
    String sourceLabel() {
        String type = sourceText("type");
        if (type != null) {
            return type;
        }
        return switch (kind) {
            case OBJECT_STORAGE -> "s3";
            case KAFKA -> "kafka";
            default -> kind.wireName().toLowerCase(Locale.ROOT);
        };
    }

    List<String> destinationColumns() {
        List<String> columns = new ArrayList<>();
        JsonNode list = destination.get("columns");
        if (list != null) {
            list.forEach(column -> columns.add(column.path("name").asString()));
        }
        return columns;
    }

    /** What identifies each table mapping of a database pipe. */
    List<SourceRules.TableKey> tableKeys() {
        List<SourceRules.TableKey> keys = new ArrayList<>();
        JsonNode mappings = source.get("tableMappings");
        if (mappings != null && kind.isDatabase()) {
            mappings.forEach(mapping -> keys.add(new SourceRules.TableKey(
                    mapping.path(kind.mappingNamespaceField()).asString(), mapping.path(kind.mappingTableField())
                            .asString(), mapping.path("targetTable").asString())));
        }
        return keys;
    }

    // ---- changes ----

    /** Applies a checked PATCH body: Modifying, then back to the state the pipe was settling to. */
    void patch(JsonNode body, Duration delay) {
        JsonNode newName = body.get("name");
        if (newName != null && newName.isString()) {
            name = newName.asString();
        }
        JsonNode sourceChanges = body.path("source").path(kind.wireName());
        if (sourceChanges.isObject()) {
            StoredBody.merge(source, sourceChanges, NOT_MERGED);
            JsonNode sourceSettings = sourceChanges.get("settings");
            if (sourceSettings != null && sourceSettings.isObject()) {
                ObjectNode current = source.has("settings") && source.get("settings").isObject()
                        ? (ObjectNode) source.get("settings") : source.putObject("settings");
                StoredBody.merge(current, sourceSettings, Set.of());
            }
            changeTableMappings(sourceChanges);
        }
        JsonNode columns = body.path("destination").get("columns");
        if (columns != null && columns.isArray()) {
            destination.set("columns", StoredBody.ofArray(columns));
        }
        JsonNode mappings = body.get("fieldMappings");
        if (mappings != null && mappings.isArray()) {
            fieldMappings = StoredBody.ofArray(mappings);
        }
        JsonNode newSettings = body.get("settings");
        if (newSettings != null && newSettings.isObject()) {
            mergeSettings(PipeRules.settings(newSettings));
        }
        Instant now = clock.instant();
        timeline = timeline.then(now, delay, List.of(ClickPipeState.MODIFYING, timeline.settled()));
        updatedAt = now;
    }

    /** Applies a checked scaling body. */
    void scale(JsonNode body) {
        StoredBody.merge(scaling, body, Set.of());
        updatedAt = clock.instant();
    }

    /** The settings as the API lists them. */
    ObjectNode settingsJson() {
        ObjectNode json = SandboxWire.NODES.objectNode();
        settings.forEach(json::set);
        return json;
    }

    /** Merges checked settings pairs; a null value resets that setting to its default. */
    void mergeSettings(Map<String, JsonNode> pairs) {
        putSettings(pairs);
        updatedAt = clock.instant();
    }

    private void putSettings(Map<String, JsonNode> pairs) {
        pairs.forEach((key, value) -> {
            if (value == null || value.isNull()) {
                settings.remove(key);
            } else {
                settings.put(key, value.deepCopy());
            }
        });
    }

    /**
     * Carries out a state command, as the spec allows it: stop from any state; start only from Stopped or Failed
     * (database pipes: Paused or Failed); resync only for Postgres and MySQL pipes, from any state.
     */
    void command(ClickPipeCommand command, Duration delay) {
        Instant now = clock.instant();
        ClickPipeState current = timeline.stateAt(now);
        switch (command) {
            case STOP -> {
                ClickPipeState stopped = kind.isDatabase() ? ClickPipeState.PAUSED : ClickPipeState.STOPPED;
                if (current == stopped) {
                    return;
                }
                ClickPipeState stopping = kind.isDatabase() ? ClickPipeState.PAUSING : ClickPipeState.STOPPING;
                timeline = timeline.then(now, delay, List.of(stopping, stopped));
            }
            case START -> {
                List<ClickPipeState> startable = kind.isDatabase()
                        ? List.of(ClickPipeState.PAUSED, ClickPipeState.FAILED)
                        : List.of(ClickPipeState.STOPPED, ClickPipeState.FAILED);
                if (!startable.contains(current)) {
                    throw SandboxApiException.badRequest("command", "start is only allowed from "
                            + startable.get(0).wireName() + " or Failed (current state: " + current.wireName() + ")");
                }
                timeline = timeline.then(now, delay, kind.isDatabase() ? List.of(ClickPipeState.RUNNING)
                        : List.of(ClickPipeState.PROVISIONING, ClickPipeState.RUNNING));
            }
            case RESYNC -> {
                if (!kind.canResync()) {
                    throw SandboxApiException.badRequest("command", "resync is only for Postgres and MySQL pipes; "
                            + "this pipe reads from " + kind.wireName());
                }
                timeline = timeline.then(now, delay, List.of(ClickPipeState.RESYNC, ClickPipeState.RUNNING));
            }
        }
        updatedAt = now;
    }

    // ---- answers ----

    /** The pipe as the metrics see it now. */
    MetricsExposition.PipeSample sample() {
        return new MetricsExposition.PipeSample(id, serviceId, name, sourceLabel(), kind, currentState(),
                runningTime(), throughput, scaling == null ? 0 : scaling.path("replicas").asInt(1),
                scaling == null ? 0 : scaling.path("replicaCpuMillicores").asLong(125),
                scaling == null ? 0 : scaling.path("replicaMemoryGb").asDouble(0.5));
    }

    /** The pipe as the API answers it (schema {@code ClickPipe}). */
    ObjectNode toJson() {
        Instant now = clock.instant();
        ObjectNode json = SandboxWire.NODES.objectNode();
        json.put("id", id);
        json.put("serviceId", serviceId);
        json.put("name", name);
        json.put("state", timeline.stateAt(now).wireName());
        if (scaling != null) {
            json.set("scaling", scaling.deepCopy());
        }
        json.putObject("source").set(kind.wireName(), source.deepCopy());
        json.set("destination", destination.deepCopy());
        if (!kind.isDatabase()) {
            json.set("fieldMappings", fieldMappings != null ? fieldMappings.deepCopy() : identityMappings());
        }
        json.set("settings", settingsJson());
        json.put("createdAt", createdAt.truncatedTo(ChronoUnit.MILLIS).toString());
        Instant changed = timeline.changedAt(now);
        Instant lastUpdate = changed.isAfter(updatedAt) ? changed : updatedAt;
        json.put("updatedAt", lastUpdate.truncatedTo(ChronoUnit.MILLIS).toString());
        return json;
    }

    // ---- internals ----

    private List<ClickPipeState> creationStates() {
        if (!kind.isDatabase()) {
            return List.of(ClickPipeState.PROVISIONING, ClickPipeState.RUNNING);
        }
        String mode = source.path("settings").path("replicationMode").asString("cdc");
        return switch (mode) {
            case "cdc_only" -> List.of(ClickPipeState.SETUP, ClickPipeState.RUNNING);
            case "snapshot" -> List.of(ClickPipeState.SETUP, ClickPipeState.SNAPSHOT, ClickPipeState.COMPLETED);
            default -> List.of(ClickPipeState.SETUP, ClickPipeState.SNAPSHOT, ClickPipeState.RUNNING);
        };
    }

    private void changeTableMappings(JsonNode changes) {
        JsonNode removals = changes.get("tableMappingsToRemove");
        JsonNode additions = changes.get("tableMappingsToAdd");
        if ((removals == null || !removals.isArray()) && (additions == null || !additions.isArray())) {
            return;
        }
        ArrayNode kept = SandboxWire.NODES.arrayNode();
        JsonNode current = source.get("tableMappings");
        if (current != null) {
            for (JsonNode mapping : current) {
                boolean removed = false;
                if (removals != null) {
                    for (JsonNode removal : removals) {
                        removed |= sameTable(mapping, removal);
                    }
                }
                if (!removed) {
                    kept.add(mapping);
                }
            }
        }
        if (additions != null) {
            for (JsonNode addition : additions) {
                ObjectNode mapping = StoredBody.of(addition);
                withDefaultEngine(mapping);
                kept.add(mapping);
            }
        }
        source.set("tableMappings", kept);
    }

    private boolean sameTable(JsonNode mapping, JsonNode removal) {
        return mapping.path(kind.mappingNamespaceField()).asString("")
                .equals(removal.path(kind.mappingNamespaceField()).asString(""))
                && mapping.path(kind.mappingTableField()).asString("").equals(removal.path(kind.mappingTableField())
                        .asString(""))
                && mapping.path("targetTable").asString("").equals(removal.path("targetTable").asString(""));
    }

    /** What the real API fills in when a create leaves it out. */
    private void fillDefaults() {
        switch (kind) {
            case KAFKA -> {
                putIfAbsent(source, "consumerGroup", "clickpipes-" + id);
                if (!source.has("offset")) {
                    source.putObject("offset").put("strategy", "from_latest");
                }
                if (!source.has("reversePrivateEndpointIds")) {
                    source.putArray("reversePrivateEndpointIds");
                }
            }
            case POSTGRES, MYSQL -> {
                putIfAbsent(source, "type", kind.wireName());
                putIfAbsent(source, "authentication", "basic");
                ObjectNode sourceSettings = source.has("settings") ? (ObjectNode) source.get("settings")
                        : source.putObject("settings");
                putIfAbsent(sourceSettings, "replicationMode", "cdc");
                if (!sourceSettings.has("syncIntervalSeconds")) {
                    sourceSettings.put("syncIntervalSeconds", 60);
                }
                if (!sourceSettings.has("pullBatchSize")) {
                    sourceSettings.put("pullBatchSize", 100_000);
                }
                if (kind == SourceKind.MYSQL) {
                    putIfAbsent(sourceSettings, "replicationMechanism", "GTID");
                }
            }
            case BIGQUERY -> {
                ObjectNode sourceSettings = source.has("settings") ? (ObjectNode) source.get("settings")
                        : source.putObject("settings");
                putIfAbsent(sourceSettings, "replicationMode", "snapshot");
            }
            default -> {
            }
        }
        if (kind.isDatabase()) {
            JsonNode mappings = source.get("tableMappings");
            if (mappings != null) {
                mappings.forEach(mapping -> withDefaultEngine((ObjectNode) mapping));
            }
        } else {
            putIfAbsent(destination, "database", "default");
        }
    }

    private static void withDefaultEngine(ObjectNode mapping) {
        putIfAbsent(mapping, "tableEngine", "ReplacingMergeTree");
    }

    private static void putIfAbsent(ObjectNode node, String name, String value) {
        if (!node.has(name)) {
            node.put(name, value);
        }
    }

    private ArrayNode identityMappings() {
        ArrayNode mappings = SandboxWire.NODES.arrayNode();
        for (String column : destinationColumns()) {
            mappings.addObject().put("sourceField", column).put("destinationField", column);
        }
        return mappings;
    }

    private static ObjectNode defaultScaling() {
        ObjectNode scaling = SandboxWire.NODES.objectNode();
        scaling.put("replicas", 1);
        scaling.put("replicaCpuMillicores", 125);
        scaling.put("replicaMemoryGb", 0.5);
        return scaling;
    }

    /**
     * How much data the pipe moves while it runs, for its metrics.
     *
     * @param eventsPerSecond records fetched per second of running
     * @param bytesPerEvent average record size
     * @param compressedShare compressed size as a share of the raw size
     * @param errorsPerSecond errors per second of running (0 for a healthy pipe)
     * @param latencyMillis usual end-to-end latency
     * @param stalledAfter running time after which the counters freeze (a stalled pipe), or null
     */
    record Throughput(double eventsPerSecond, int bytesPerEvent, double compressedShare, double errorsPerSecond,
            int latencyMillis, Duration stalledAfter) {

        /** Steady, healthy numbers that differ from pipe to pipe but stay the same for one pipe id. */
        static Throughput healthy(String pipeId) {
            int hash = pipeId.hashCode() & 0x7fffffff;
            return new Throughput(200 + hash % 4800, 150 + hash % 1050, 0.2 + (hash % 30) / 100.0, 0,
                    40 + hash % 700, null);
        }

        Throughput erroring(double errorsPerSecond) {
            return new Throughput(eventsPerSecond, bytesPerEvent, compressedShare, errorsPerSecond, latencyMillis,
                    stalledAfter);
        }

        Throughput stalledAfter(Duration runningTime) {
            return new Throughput(eventsPerSecond, bytesPerEvent, compressedShare, errorsPerSecond, latencyMillis,
                    runningTime);
        }
    }
}
