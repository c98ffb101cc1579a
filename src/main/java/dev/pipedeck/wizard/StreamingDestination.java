package dev.pipedeck.wizard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestination;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationColumn;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationTableDefinition;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationTableEngine;
import dev.pipedeck.cloud.clickpipe.ClickPipeFieldMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeScaling;
import dev.pipedeck.cloud.clickpipe.ClickPipeScalingPatchRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoveryField;
import dev.pipedeck.cloud.clickpipe.ClickPipeSettings;
import dev.pipedeck.pipes.SettingField;
import dev.pipedeck.pipes.SettingsCatalogue;

/**
 * The destination (step 3) and scaling and settings (step 4) that every streaming and object storage wizard shares:
 * a new table ClickPipes manages (columns, engine, keys) or an existing one (with field mappings), the ingest user's
 * roles, the replicas' size, and the advanced settings that apply to the kind — with the spec's rules between them.
 *
 * <p>Columns are rows of indexed values: {@code columns.N.name}, {@code columns.N.type} and, for the field mapping,
 * {@code columns.N.source} (the source field, the column's own name when blank).
 */
final class StreamingDestination {

    static final String MANAGED = "destination.managedTable";
    static final String ENGINE = "destination.engine";
    static final int MOST_COLUMNS = 500;
    static final List<String> COMMON_TYPES = List.of("String", "UInt8", "UInt16", "UInt32", "UInt64", "Int32", "Int64",
            "Float32", "Float64", "Decimal(18, 4)", "Bool", "Date", "DateTime", "DateTime64(3)", "UUID",
            "LowCardinality(String)", "Nullable(String)", "Array(String)", "Map(String, String)", "JSON");

    private StreamingDestination() {
    }

    static List<WizardField> destinationFields() {
        return List.of(
                WizardField.named("destination.database", "Database", FieldType.TEXT).required()
                        .help("The ClickHouse database the table is in.").placeholder("default").build(),
                WizardField.named("destination.table", "Table", FieldType.TEXT).required()
                        .help("The table the pipe inserts into.").build(),
                WizardField.named(MANAGED, "Table", FieldType.SELECT).required()
                        .options(List.of(new FieldOption("true", "A new table that ClickPipes creates and manages"),
                                new FieldOption("false", "An existing table (map the source's fields to its columns)")))
                        .build(),
                WizardField.named(ENGINE, "Engine", FieldType.SELECT).required()
                        .options(ClickPipeDestinationTableEngine.TYPES.stream().map(FieldOption::of).toList())
                        .shownWhen(MANAGED, "true").build(),
                WizardField.named("destination.versionColumn", "Version column", FieldType.TEXT)
                        .help("ReplacingMergeTree keeps the row with the highest version: one of the columns.")
                        .shownWhen(MANAGED, "true").shownWhen(ENGINE, "ReplacingMergeTree").build(),
                WizardField.named("destination.sumColumns", "Columns to sum", FieldType.TEXT)
                        .help("SummingMergeTree adds these columns up, comma-separated.")
                        .shownWhen(MANAGED, "true").shownWhen(ENGINE, "SummingMergeTree").build(),
                WizardField.named("destination.sortingKey", "Sorting key", FieldType.TEXT)
                        .help("Columns, comma-separated, in order (ORDER BY).").shownWhen(MANAGED, "true").build(),
                WizardField.named("destination.partitionBy", "Partition key", FieldType.TEXT)
                        .help("A SQL expression, e.g. toYYYYMM(created_at).").shownWhen(MANAGED, "true").build(),
                WizardField.named("destination.primaryKey", "Primary key", FieldType.TEXT)
                        .help("A SQL expression; a prefix of the sorting key.").shownWhen(MANAGED, "true").build(),
                WizardField.named("destination.roles", "Roles of the ingest user", FieldType.TEXT)
                        .help("ClickHouse roles, comma-separated, granted to the user ClickPipes creates. "
                                + "Empty: the default role.").build());
    }

    /**
     * Whether the kind's pipes are sized by replicas. The spec's {@code ClickPipeScaling} gives CPU and memory "only for
     * streaming pipes" and replicas "only for scalable pipes"; object storage pipes are not streaming, and ClickPipes
     * sizes them from the ClickHouse service when they are created, so their wizard asks for settings only.
     */
    static boolean sizedByReplicas(String kind) {
        return !"objectStorage".equals(kind);
    }

    static List<WizardField> scalingFields(String kind) {
        List<WizardField> fields = new ArrayList<>();
        if (sizedByReplicas(kind)) {
            replicaFields(fields);
        }
        fields.addAll(SettingFields.of(kind));
        return fields;
    }

    private static void replicaFields(List<WizardField> fields) {
        fields.add(WizardField.named("scaling.replicas", "Replicas", FieldType.INTEGER)
                .range(ClickPipeScalingPatchRequest.MIN_REPLICAS, ClickPipeScalingPatchRequest.MAX_REPLICAS)
                .help("1 to 40. Empty: ClickPipes' default (1).").placeholder("1").build());
        fields.add(WizardField.named("scaling.replicaCpuMillicores", "CPU per replica", FieldType.SELECT)
                .options(IntStream.rangeClosed(1, 16).mapToObj(i -> String.valueOf(i * 125))
                        .map(m -> new FieldOption(m, m + " millicores")).toList())
                .help("125 to 2000 millicores. Empty: ClickPipes' default.").build());
        fields.add(WizardField.named("scaling.replicaMemoryGb", "Memory per replica", FieldType.SELECT)
                .options(IntStream.rangeClosed(1, 16).mapToObj(i -> memory(i * 0.5))
                        .map(gb -> new FieldOption(gb, gb + " GB")).toList())
                .help("0.5 to 8 GB. Empty: ClickPipes' default.").build());
    }

    /** What the columns editor and the keys break: column rows, names that must be columns, field mappings. */
    static Map<String, String> destinationErrors(WizardValues values) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<Column> columns = columns(values);
        Set<String> names = new HashSet<>();
        for (Column column : columns) {
            if (column.name() == null) {
                errors.put("columns." + column.row() + ".name", "A column needs a name.");
            } else if (!names.add(column.name())) {
                errors.put("columns." + column.row() + ".name", "\"" + column.name() + "\" is listed twice.");
            }
            if (column.type() == null) {
                errors.put("columns." + column.row() + ".type", "A column needs a ClickHouse type, e.g. String.");
            }
        }
        if (columns.isEmpty()) {
            errors.put("columns", "Add at least one column (or discover them from the source on step 2).");
        }
        if ("true".equals(values.get(MANAGED))) {
            mustBeColumns(errors, values, "destination.sortingKey", names);
            mustBeColumns(errors, values, "destination.sumColumns", names);
            mustBeColumns(errors, values, "destination.versionColumn", names);
        }
        return errors;
    }

    /** The {@code destination} of the create body. */
    static ClickPipeDestination destination(WizardValues values) {
        boolean managed = "true".equals(values.get(MANAGED));
        List<ClickPipeDestinationColumn> columns = columns(values).stream()
                .map(column -> new ClickPipeDestinationColumn(column.name(), column.type())).toList();
        ClickPipeDestinationTableDefinition definition = null;
        if (managed) {
            String engine = values.get(ENGINE);
            definition = new ClickPipeDestinationTableDefinition(
                    new ClickPipeDestinationTableEngine(engine,
                            "ReplacingMergeTree".equals(engine) ? values.get("destination.versionColumn") : null,
                            "SummingMergeTree".equals(engine) ? listOrNull(values.get("destination.sumColumns")) : null),
                    listOrNull(values.get("destination.sortingKey")), values.get("destination.partitionBy"),
                    values.get("destination.primaryKey"));
        }
        return new ClickPipeDestination(values.get("destination.database"), values.get("destination.table"), managed,
                definition, columns, listOrNull(values.get("destination.roles")));
    }

    /**
     * Field mappings: for an existing table every column is mapped (from its source field, or a field of its own
     * name); for a new table only when some column reads a differently named field.
     */
    static List<ClickPipeFieldMapping> fieldMappings(WizardValues values) {
        List<Column> columns = columns(values);
        boolean renamed = columns.stream().anyMatch(c -> c.source() != null && !c.source().equals(c.name()));
        if ("true".equals(values.get(MANAGED)) && !renamed) {
            return null;
        }
        return columns.stream()
                .map(c -> new ClickPipeFieldMapping(c.source() != null ? c.source() : c.name(), c.name()))
                .toList();
    }

    static ClickPipeScaling scaling(String kind, WizardValues values) {
        if (!sizedByReplicas(kind)) {
            return null;
        }
        Integer replicas = values.get("scaling.replicas") == null ? null
                : Integer.valueOf(values.get("scaling.replicas"));
        Integer cpu = values.get("scaling.replicaCpuMillicores") == null ? null
                : Integer.valueOf(values.get("scaling.replicaCpuMillicores"));
        Double memory = values.get("scaling.replicaMemoryGb") == null ? null
                : Double.valueOf(values.get("scaling.replicaMemoryGb"));
        return replicas == null && cpu == null && memory == null ? null
                : new ClickPipeScaling(replicas, null, cpu, memory);
    }

    static ClickPipeSettings settings(String kind, WizardValues values) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (SettingField setting : SettingsCatalogue.forKind(kind)) {
            String text = values.get("settings." + setting.key());
            if (text != null) {
                settings.put(setting.key(), setting.parseLeniently(text));
            }
        }
        return settings.isEmpty() ? null : new ClickPipeSettings(settings);
    }

    /** Plain values describing an existing pipe's destination and scaling, for "Duplicate". */
    static Map<String, String> prefill(ClickPipe pipe) {
        Map<String, String> values = new LinkedHashMap<>();
        ClickPipeDestination destination = pipe.destination();
        if (destination != null) {
            put(values, "destination.database", destination.database());
            put(values, "destination.table", destination.table());
            put(values, MANAGED, destination.managedTable() == null ? null : destination.managedTable().toString());
            if (destination.tableDefinition() != null) {
                ClickPipeDestinationTableDefinition definition = destination.tableDefinition();
                if (definition.engine() != null) {
                    put(values, ENGINE, definition.engine().type());
                    put(values, "destination.versionColumn", definition.engine().versionColumnId());
                    put(values, "destination.sumColumns", join(definition.engine().columnIds()));
                }
                put(values, "destination.sortingKey", join(definition.sortingKey()));
                put(values, "destination.partitionBy", definition.partitionBy());
                put(values, "destination.primaryKey", definition.primaryKey());
            }
            put(values, "destination.roles", join(destination.roles()));
            List<ClickPipeDestinationColumn> columns = destination.columns() == null ? List.of() : destination.columns();
            for (int i = 0; i < columns.size(); i++) {
                put(values, "columns." + i + ".name", columns.get(i).name());
                put(values, "columns." + i + ".type", columns.get(i).type());
            }
            if (pipe.fieldMappings() != null) {
                for (int i = 0; i < columns.size(); i++) {
                    String column = columns.get(i).name();
                    int row = i;
                    pipe.fieldMappings().stream().filter(m -> column != null && column.equals(m.destinationField()))
                            .findFirst().ifPresent(m -> put(values, "columns." + row + ".source", m.sourceField()));
                }
            }
        }
        if (pipe.scaling() != null) {
            put(values, "scaling.replicas", pipe.scaling().replicas() == null ? null : pipe.scaling().replicas().toString());
            put(values, "scaling.replicaCpuMillicores", pipe.scaling().replicaCpuMillicores() == null ? null
                    : pipe.scaling().replicaCpuMillicores().toString());
            put(values, "scaling.replicaMemoryGb", pipe.scaling().replicaMemoryGb() == null ? null
                    : memory(pipe.scaling().replicaMemoryGb()));
        }
        return values;
    }

    /** A column row of the editor. */
    record Column(int row, String name, String type, String source) {
    }

    /** The column rows typed so far, in row order, blank rows left out. */
    static List<Column> columns(WizardValues values) {
        List<Column> columns = new ArrayList<>();
        for (int row : rows(values)) {
            String name = values.get("columns." + row + ".name");
            String type = values.get("columns." + row + ".type");
            String source = values.get("columns." + row + ".source");
            if (name != null || type != null || source != null) {
                columns.add(new Column(row, name, type, source));
            }
        }
        return columns;
    }

    /** The column rows' parts, in the editor's order. */
    static final List<String> COLUMN_PARTS = List.of("name", "type", "source");

    /** The row numbers present, in order. */
    static List<Integer> rows(WizardValues values) {
        return RowEditor.rows("columns", values.values());
    }

    /** The columns a schema discovery found, replacing the rows typed so far (optional fields become Nullable). */
    static Map<String, String> discovered(WizardValues saved, List<ClickPipeSchemaDiscoveryField> fields) {
        List<List<String>> rows = new ArrayList<>();
        for (ClickPipeSchemaDiscoveryField field : fields) {
            String type = field.type();
            if (Boolean.TRUE.equals(field.optional()) && type != null && !type.startsWith("Nullable(")) {
                type = "Nullable(" + type + ")";
            }
            rows.add(java.util.Arrays.asList(field.name(), type, null));
        }
        return RowEditor.renumbered("columns", COLUMN_PARTS, saved, rows);
    }

    static String memory(double gb) {
        return gb == Math.rint(gb) ? String.valueOf((long) gb) : String.valueOf(gb);
    }

    private static void mustBeColumns(Map<String, String> errors, WizardValues values, String field,
            Set<String> columns) {
        List<String> named = listOrNull(values.get(field));
        if (named == null) {
            return;
        }
        List<String> unknown = named.stream().filter(name -> !columns.contains(name)).toList();
        if (!unknown.isEmpty()) {
            errors.put(field, "Not a column of the table: " + String.join(", ", unknown) + ".");
        }
    }

    private static List<String> listOrNull(String text) {
        if (text == null) {
            return null;
        }
        List<String> items = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return items.isEmpty() ? null : items;
    }

    private static String join(List<String> items) {
        return items == null || items.isEmpty() ? null : String.join(", ", items);
    }

    private static void put(Map<String, String> values, String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value);
        }
    }
}
