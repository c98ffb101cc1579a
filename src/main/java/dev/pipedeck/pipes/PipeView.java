package dev.pipedeck.pipes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pipedeck.audit.SecretMasking;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationColumn;
import dev.pipedeck.cloud.clickpipe.ClickPipeFieldMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeScalingPatchRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipeState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pipe as its page shows it: the source as labelled facts with every secret masked, the destination's columns or
 * the replicated table mappings, the field mappings, the raw JSON (masked), and which controls apply to its kind.
 */
public record PipeView(ClickPipe pipe, String sourceKind, String sourceLabel, List<Fact> sourceFacts,
        List<TableMapping> tableMappings, String maskedJson) {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Set<String> DATABASE_KINDS = Set.of("postgres", "mysql", "mongodb", "bigquery");
    private static final Set<String> RESYNC_KINDS = Set.of("postgres", "mysql");
    private static final Set<String> PAUSING_KINDS = DATABASE_KINDS;

    /** One labelled value of the source (secrets already masked). */
    public record Fact(String label, String value) {
    }

    /** A replicated table: where it comes from, where it goes, and its options as text. */
    public record TableMapping(String source, String target, String options) {
    }

    static PipeView of(ClickPipe pipe) {
        JsonNode tree = JSON.valueToTree(pipe);
        String kind = pipe.source() == null ? null : pipe.source().kind();
        JsonNode source = kind == null ? null : tree.path("source").path(kind);
        List<Fact> facts = new ArrayList<>();
        List<TableMapping> mappings = new ArrayList<>();
        if (source != null && source.isObject()) {
            for (Map.Entry<String, JsonNode> field : source.properties()) {
                if (field.getKey().equals("tableMappings")) {
                    field.getValue().forEach(mapping -> mappings.add(tableMapping(mapping)));
                } else {
                    addFacts(facts, field.getKey(), field.getValue());
                }
            }
        }
        String masked = SecretMasking.maskedJson(tree);
        String pretty = JSON.writeValueAsString(JSON.readTree(masked));
        return new PipeView(pipe, kind, PipeSummary.of(pipe).source(), facts, mappings, pretty);
    }

    public String id() {
        return pipe.id();
    }

    public String name() {
        return pipe.name();
    }

    public ClickPipeState state() {
        return pipe.state() == null ? ClickPipeState.UNKNOWN : pipe.state();
    }

    public String stateLabel() {
        return state().wireName();
    }

    /** The state badge's colour: ok, warn, danger, transient or neutral. */
    public String tone() {
        return PipeSummary.of(pipe).tone();
    }

    public boolean transitional() {
        return state().isTransitional();
    }

    public boolean databasePipe() {
        return kind() != null && DATABASE_KINDS.contains(kind());
    }

    public boolean bigQuery() {
        return "bigquery".equals(kind());
    }

    /** Scaling per pipe applies to Kafka, Kinesis, Pub/Sub and object storage pipes; database pipes share CDC capacity. */
    public boolean scalable() {
        return kind() != null && !databasePipe();
    }

    /** Whether a creation wizard can start from this pipe ("Duplicate"): every kind has one. */
    public boolean duplicable() {
        return kind() != null;
    }

    /** Resync applies to Postgres and MySQL pipes only. */
    public boolean resyncable() {
        return kind() != null && RESYNC_KINDS.contains(kind());
    }

    /** The toggle is on while the pipe ingests (or tries to): stopping it is what a click asks. */
    public boolean on() {
        return switch (state()) {
            case RUNNING, DEGRADED, INTERNAL_ERROR, PROVISIONING, SETUP, SNAPSHOT, MODIFYING, RESYNC -> true;
            default -> false;
        };
    }

    /** Whether the toggle can be clicked now: not while the pipe moves between states, not once Completed. */
    public boolean toggleable() {
        return switch (state()) {
            case RUNNING, DEGRADED, INTERNAL_ERROR, STOPPED, PAUSED, FAILED -> true;
            default -> false;
        };
    }

    /** The command a click on the toggle sends. */
    public String toggleCommand() {
        return on() ? "stop" : "start";
    }

    /** What stopping is called for this pipe: database pipes pause (Pausing → Paused), the others stop. */
    public String stoppedLabel() {
        return kind() != null && PAUSING_KINDS.contains(kind()) ? "Paused" : "Stopped";
    }

    public String kind() {
        return sourceKind;
    }

    public List<ClickPipeDestinationColumn> columns() {
        return pipe.destination() == null || pipe.destination().columns() == null ? List.of()
                : pipe.destination().columns();
    }

    public List<ClickPipeFieldMapping> fieldMappings() {
        return pipe.fieldMappings() == null ? List.of() : pipe.fieldMappings();
    }

    public String database() {
        return pipe.destination() == null || pipe.destination().database() == null ? "default"
                : pipe.destination().database();
    }

    public String table() {
        return pipe.destination() == null ? null : pipe.destination().table();
    }

    public int replicas() {
        return pipe.scaling() == null || pipe.scaling().replicas() == null ? ClickPipeScalingPatchRequest.MIN_REPLICAS
                : pipe.scaling().replicas();
    }

    public int replicaCpuMillicores() {
        return pipe.scaling() == null || pipe.scaling().replicaCpuMillicores() == null
                ? ClickPipeScalingPatchRequest.MIN_REPLICA_CPU_MILLICORES : pipe.scaling().replicaCpuMillicores();
    }

    public double replicaMemoryGb() {
        return pipe.scaling() == null || pipe.scaling().replicaMemoryGb() == null
                ? ClickPipeScalingPatchRequest.MIN_REPLICA_MEMORY_GB : pipe.scaling().replicaMemoryGb();
    }

    /** Memory per replica as people write it: "2 GB", "0.5 GB". */
    public String replicaMemoryLabel() {
        double gb = replicaMemoryGb();
        return (gb == Math.rint(gb) ? String.valueOf((long) gb) : String.valueOf(gb)) + " GB";
    }

    /** "offset.strategy" reads "Offset · strategy"; "consumerGroup" reads "Consumer group". */
    static String label(String path) {
        StringBuilder text = new StringBuilder();
        for (String part : path.split("\\.")) {
            if (!text.isEmpty()) {
                text.append(" · ");
            }
            text.append(part.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT));
        }
        return text.isEmpty() ? path : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static void addFacts(List<Fact> facts, String path, JsonNode value) {
        String label = label(path);
        if (SecretMasking.isSecretName(path)) {
            facts.add(new Fact(label, SecretMasking.MASK));
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                addFacts(facts, path + "." + field.getKey(), field.getValue());
            }
        } else if (value.isArray() && !value.isEmpty()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.isValueNode() ? item.asString() : item.toString()));
            facts.add(new Fact(label, SecretMasking.maskedText(String.join(", ", items))));
        } else if (!value.isNull() && !value.isArray()) {
            facts.add(new Fact(label, SecretMasking.maskedText(value.asString())));
        }
    }

    private static TableMapping tableMapping(JsonNode mapping) {
        String schema = first(mapping, "sourceSchemaName", "sourceDatasetName", "sourceDatabaseName");
        String table = first(mapping, "sourceTable", "sourceCollection");
        String source = schema == null ? String.valueOf(table) : schema + "." + table;
        ObjectNode options = mapping.isObject() ? (ObjectNode) mapping.deepCopy() : JSON.createObjectNode();
        options.remove(List.of("sourceSchemaName", "sourceDatasetName", "sourceDatabaseName", "sourceTable",
                "sourceCollection", "targetTable"));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> option : options.properties()) {
            JsonNode value = option.getValue();
            parts.add(option.getKey() + ": " + (value.isValueNode() ? value.asString() : value.toString()));
        }
        return new TableMapping(source, first(mapping, "targetTable"), String.join(" · ", parts));
    }

    private static String first(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isString()) {
                return value.asString();
            }
        }
        return null;
    }
}
