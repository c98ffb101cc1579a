package dev.pipedeck.sandbox;

import static dev.pipedeck.sandbox.BodyField.Presence.NULLABLE;
import static dev.pipedeck.sandbox.BodyField.Presence.OPTIONAL;
import static dev.pipedeck.sandbox.BodyField.Presence.REQUIRED;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pipedeck.cloud.ServiceCommand;
import dev.pipedeck.cloud.clickpipe.ClickPipeCommand;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationTableEngine;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeKinesisSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeObjectStorageSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePubSubSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSettings;
import tools.jackson.databind.JsonNode;

/**
 * What the ClickPipes operations accept: create and change bodies, scaling (per pipe and CDC), settings, state
 * commands and schema discovery. Every check throws {@code 400 BAD_REQUEST: <field>: <what is wrong>} at the first
 * problem; checks pass silently.
 */
final class PipeRules {

    /** Ranges of the pipe settings, from the spec's {@code ClickPipeSettings}; booleans have none. */
    static final Map<String, long[]> SETTING_RANGES = settingRanges();
    private static final List<String> BOOLEAN_SETTINGS = List.of(ClickPipeSettings.OBJECT_STORAGE_USE_CLUSTER_FUNCTION,
            ClickPipeSettings.CLICKHOUSE_PARALLEL_VIEW_PROCESSING);
    private static final List<String> PATCHABLE_KINDS = List.of("kafka", "objectStorage", "kinesis", "pubsub",
            "postgres", "mysql", "mongodb");
    private static final int LONGEST_NAME = 255;

    private PipeRules() {
    }

    // ---- create ----

    /** Checks a create body; answers the kind of its source. */
    static SourceKind create(JsonNode body) {
        BodyField root = object(body);
        pipeName(root.field("name"), REQUIRED);
        BodyField source = root.field("source");
        source.object(REQUIRED);
        source.field("validateSamples").bool(OPTIONAL);
        SourceKind kind = SourceKind.fromWireName(onlyKind(source, SourceKind.WIRE_NAMES));
        SourceRules.check(kind, source.field(kind.wireName()));
        List<String> columns = destination(root.field("destination"), kind);
        fieldMappings(root.field("fieldMappings"), kind, columns);
        BodyField scaling = root.field("scaling");
        if (kind.isDatabase()) {
            scaling.mustBeAbsent("database pipes share the service's CDC scaling; change it with clickpipesCdcScaling");
        } else if (scaling.object(OPTIONAL)) {
            scaling.field("replicas").integer(OPTIONAL, 1, 40);
            scaling.field("concurrency").integer(OPTIONAL, 0);
            scaling.field("replicaCpuMillicores").integer(OPTIONAL, 125, 2000);
            scaling.field("replicaMemoryGb").number(OPTIONAL, 0.5, 8);
        }
        settings(root.field("settings"), OPTIONAL);
        return kind;
    }

    /** The destination; answers its column names (none for database pipes). */
    private static List<String> destination(BodyField destination, SourceKind kind) {
        destination.object(REQUIRED);
        destination.field("roles").strings(OPTIONAL, true);
        if (kind.isDatabase()) {
            destination.field("database").string(REQUIRED);
            String why = "is for streaming pipes; a " + kind.wireName() + " pipe names its target tables in "
                    + "source." + kind.wireName() + ".tableMappings";
            for (String streamingOnly : List.of("table", "managedTable", "tableDefinition", "columns")) {
                destination.field(streamingOnly).mustBeAbsent(why);
            }
            return List.of();
        }
        destination.field("database").string(OPTIONAL);
        destination.field("table").string(REQUIRED);
        boolean managed = destination.field("managedTable").bool(REQUIRED);
        List<String> columns = columns(destination.field("columns"), REQUIRED);
        BodyField definition = destination.field("tableDefinition");
        if (definition.object(managed ? REQUIRED : OPTIONAL)) {
            BodyField engine = definition.field("engine");
            engine.object(REQUIRED);
            String type = engine.field("type").oneOf(REQUIRED, ClickPipeDestinationTableEngine.TYPES);
            BodyField version = engine.field("versionColumnId");
            String versionColumn = version.string(NULLABLE);
            if (versionColumn != null) {
                if (!"ReplacingMergeTree".equals(type)) {
                    throw version.invalid("only applies to the ReplacingMergeTree engine");
                }
                mustBeColumn(version, versionColumn, columns);
            }
            BodyField sumColumns = engine.field("columnIds");
            for (String column : sumColumns.strings(OPTIONAL, true)) {
                if (!"SummingMergeTree".equals(type)) {
                    throw sumColumns.invalid("only applies to the SummingMergeTree engine");
                }
                mustBeColumn(sumColumns, column, columns);
            }
            BodyField sortingKey = definition.field("sortingKey");
            for (String column : sortingKey.strings(OPTIONAL, true)) {
                mustBeColumn(sortingKey, column, columns);
            }
            definition.field("partitionBy").string(OPTIONAL);
            definition.field("primaryKey").string(OPTIONAL);
        }
        return columns;
    }

    private static List<String> columns(BodyField columns, BodyField.Presence presence) {
        List<BodyField> items = columns.array(presence);
        if (columns.isSet() && items.isEmpty()) {
            throw columns.invalid("must list at least one column");
        }
        List<String> names = new ArrayList<>();
        for (BodyField column : items) {
            column.object(REQUIRED);
            String name = column.field("name").string(REQUIRED);
            if (names.contains(name)) {
                throw column.field("name").invalid("\"" + name + "\" is listed twice");
            }
            names.add(name);
            column.field("type").string(REQUIRED);
        }
        return names;
    }

    /** Field mappings of a streaming pipe: each to a destination column, and every column mapped. */
    private static void fieldMappings(BodyField mappings, SourceKind kind, List<String> columns) {
        if (kind.isDatabase()) {
            mappings.mustBeAbsent("is for streaming pipes; database pipes map whole tables");
            return;
        }
        List<BodyField> items = mappings.array(OPTIONAL);
        if (items.isEmpty()) {
            return;
        }
        Set<String> mapped = new HashSet<>();
        for (BodyField mapping : items) {
            mapping.object(REQUIRED);
            mapping.field("sourceField").string(REQUIRED);
            BodyField destinationField = mapping.field("destinationField");
            String column = destinationField.string(REQUIRED);
            if (!columns.isEmpty()) {
                mustBeColumn(destinationField, column, columns);
            }
            if (!mapped.add(column)) {
                throw destinationField.invalid("\"" + column + "\" is mapped twice");
            }
        }
        for (String column : columns) {
            if (!mapped.contains(column)) {
                throw mappings.invalid("must include every destination column; \"" + column + "\" is not mapped");
            }
        }
    }

    // ---- change (PATCH) ----

    /** Checks a PATCH body against the pipe it changes; answers whether it changes anything. */
    static boolean patch(JsonNode body, SandboxPipe pipe) {
        BodyField root = object(body);
        if (!pipe.kind().canPatch()) {
            throw SandboxApiException.badRequest("", "BigQuery pipes cannot be changed; delete the pipe and create "
                    + "it again");
        }
        pipeName(root.field("name"), NULLABLE);
        BodyField source = root.field("source");
        if (source.object(NULLABLE)) {
            source.field("validateSamples").bool(OPTIONAL);
            source.field("bigquery").mustBeAbsent("BigQuery pipes cannot be changed");
            String kind = onlyKindIfAny(source, PATCHABLE_KINDS);
            if (kind != null) {
                if (!kind.equals(pipe.kind().wireName())) {
                    throw source.field(kind).invalid("this pipe reads from " + pipe.kind().wireName() + ", not "
                            + kind);
                }
                patchSource(source.field(kind), pipe);
            }
        }
        List<String> columns = pipe.destinationColumns();
        BodyField destination = root.field("destination");
        if (destination.object(NULLABLE)) {
            if (pipe.kind().isDatabase()) {
                destination.field("columns").mustBeAbsent("is for streaming pipes");
            } else if (destination.field("columns").isSet()) {
                columns = columns(destination.field("columns"), OPTIONAL);
            }
        }
        BodyField mappings = root.field("fieldMappings");
        fieldMappings(mappings, pipe.kind(), columns);
        settings(root.field("settings"), NULLABLE);
        for (String part : List.of("name", "source", "destination", "fieldMappings", "settings")) {
            if (root.field(part).isSet()) {
                return true;
            }
        }
        return false;
    }

    private static void patchSource(BodyField source, SandboxPipe pipe) {
        switch (pipe.kind()) {
            case KAFKA -> {
                String type = pipe.sourceText("type");
                String authentication = source.field("authentication")
                        .oneOf(NULLABLE, ClickPipeKafkaSource.AUTHENTICATIONS);
                boolean changed = authentication != null && !authentication.equals(pipe.sourceText("authentication"));
                SourceRules.kafkaAuthentication(source, type,
                        authentication != null ? authentication : pipe.sourceText("authentication"), changed);
                source.field("caCertificate").string(NULLABLE);
                source.field("reversePrivateEndpointIds").strings(OPTIONAL, true);
            }
            case OBJECT_STORAGE -> {
                String authentication = source.field("authentication")
                        .oneOf(NULLABLE, ClickPipeObjectStorageSource.AUTHENTICATIONS);
                boolean changed = authentication != null && !authentication.equals(pipe.sourceText("authentication"));
                SourceRules.objectStorageAuthentication(source, pipe.sourceText("type"), authentication, changed);
                source.field("path").string(NULLABLE);
                source.field("azureContainerName").string(NULLABLE);
                Boolean skipInitialLoad = source.field("skipInitialLoad").bool(NULLABLE);
                BodyField startAfter = source.field("startAfter");
                if (startAfter.string(NULLABLE) != null && Boolean.TRUE.equals(skipInitialLoad)) {
                    throw startAfter.invalid("cannot be provided when skipInitialLoad is true");
                }
            }
            case KINESIS -> {
                String authentication = source.field("authentication")
                        .oneOf(NULLABLE, ClickPipeKinesisSource.AUTHENTICATIONS);
                boolean changed = authentication != null && !authentication.equals(pipe.sourceText("authentication"));
                SourceRules.kinesisAuthentication(source,
                        authentication != null ? authentication : pipe.sourceText("authentication"), changed);
            }
            case PUBSUB -> {
                source.field("authentication").oneOf(REQUIRED, ClickPipePubSubSource.AUTHENTICATIONS);
                source.field("ackDeadline").integer(NULLABLE, 10, 600);
                SourceRules.serviceAccount(source.field("serviceAccountKey"), REQUIRED);
            }
            case POSTGRES -> {
                SourceRules.plainCredentials(source.field("credentials"), OPTIONAL);
                SourceRules.hostname(source.field("host"), NULLABLE);
                source.field("port").integer(NULLABLE, 1, 65535);
                source.field("database").string(NULLABLE);
                tls(source);
                patchSyncSettings(source.field("settings"), false);
                tableMappingChanges(source, pipe);
            }
            case MYSQL -> {
                SourceRules.plainCredentials(source.field("credentials"), OPTIONAL);
                SourceRules.hostname(source.field("host"), REQUIRED);
                source.field("port").integer(REQUIRED, 1, 65535);
                String authentication = source.field("authentication")
                        .oneOf(NULLABLE, ClickPipeMySQLSource.AUTHENTICATIONS);
                source.field("iamRole").string("IAM_ROLE".equals(authentication) ? REQUIRED : NULLABLE);
                source.field("serverId").integer(NULLABLE, 1, 4_294_967_295L);
                tls(source);
                patchSyncSettings(source.field("settings"), true);
                tableMappingChanges(source, pipe);
            }
            case MONGODB -> {
                SourceRules.plainCredentials(source.field("credentials"), OPTIONAL);
                SourceRules.mongoUri(source.field("uri"), REQUIRED);
                source.field("readPreference").oneOf(REQUIRED, ClickPipeMongoDBSource.READ_PREFERENCES);
                tls(source);
                patchSyncSettings(source.field("settings"), false);
                tableMappingChanges(source, pipe);
            }
            default -> throw new IllegalStateException(pipe.kind().name());
        }
    }

    private static void tls(BodyField source) {
        source.field("tlsHost").string(NULLABLE);
        source.field("caCertificate").string(NULLABLE);
        source.field("disableTls").bool(NULLABLE);
        source.field("skipCertVerification").bool(NULLABLE);
    }

    private static void patchSyncSettings(BodyField settings, boolean compression) {
        if (settings.object(OPTIONAL)) {
            settings.field("syncIntervalSeconds").integer(NULLABLE, 1);
            settings.field("pullBatchSize").integer(NULLABLE, 1);
            if (compression) {
                settings.field("useCompression").bool(NULLABLE);
            }
        }
    }

    /** Tables added and removed: only while paused, removals must exist, additions must not clash. */
    private static void tableMappingChanges(BodyField source, SandboxPipe pipe) {
        BodyField toAdd = source.field("tableMappingsToAdd");
        BodyField toRemove = source.field("tableMappingsToRemove");
        List<BodyField> additions = toAdd.array(OPTIONAL);
        List<BodyField> removals = toRemove.array(OPTIONAL);
        if (additions.isEmpty() && removals.isEmpty()) {
            return;
        }
        if (!pipe.isPaused()) {
            throw (additions.isEmpty() ? toRemove : toAdd).invalid("table mappings change only while the pipe is "
                    + "paused (current state: " + pipe.currentState().wireName() + "); stop the pipe first");
        }
        Map<String, SourceRules.TableKey> current = new LinkedHashMap<>();
        for (SourceRules.TableKey key : pipe.tableKeys()) {
            current.put(key.targetTable(), key);
        }
        for (BodyField removal : removals) {
            removal.object(REQUIRED);
            SourceRules.TableKey key = removalKey(removal, pipe.kind());
            if (!key.equals(current.get(key.targetTable()))) {
                throw removal.invalid("the pipe has no mapping of " + key.sourceNamespace() + "." + key.sourceTable()
                        + " to " + key.targetTable());
            }
            current.remove(key.targetTable());
        }
        for (BodyField addition : additions) {
            addition.object(REQUIRED);
            SourceRules.TableKey key = SourceRules.mapping(pipe.kind(), addition);
            if (current.containsKey(key.targetTable())) {
                throw addition.field("targetTable").invalid("\"" + key.targetTable() + "\" is already the target of "
                        + "a mapping");
            }
            current.put(key.targetTable(), key);
        }
        if (current.isEmpty()) {
            throw toRemove.invalid("would leave the pipe without tables; delete the pipe instead");
        }
    }

    private static SourceRules.TableKey removalKey(BodyField removal, SourceKind kind) {
        SourceRules.TableKey key = new SourceRules.TableKey(removal.field(kind.mappingNamespaceField()).string(REQUIRED),
                removal.field(kind.mappingTableField()).string(REQUIRED), removal.field("targetTable").string(REQUIRED));
        removal.field("tableEngine").oneOf(NULLABLE, List.of("MergeTree", "ReplacingMergeTree", "Null"));
        return key;
    }

    // ---- scaling, settings, commands ----

    /** {@code PATCH …/scaling} of a streaming pipe. */
    static void scaling(JsonNode body, SandboxPipe pipe) {
        BodyField root = object(body);
        if (pipe.kind().isDatabase()) {
            throw SandboxApiException.badRequest("", "database pipes share the service's CDC scaling; change it with "
                    + "PATCH …/clickpipesCdcScaling");
        }
        Long replicas = root.field("replicas").integer(NULLABLE, 1, 40);
        Long concurrency = root.field("concurrency").integer(NULLABLE, 0, 34);
        Long cpu = root.field("replicaCpuMillicores").integer(NULLABLE, 125, 2000);
        Double memory = root.field("replicaMemoryGb").number(NULLABLE, 0.5, 8);
        if (replicas == null && concurrency == null && cpu == null && memory == null) {
            throw SandboxApiException.badRequest("", "nothing to scale: give replicas, replicaCpuMillicores or "
                    + "replicaMemoryGb");
        }
    }

    /** {@code PATCH …/clickpipesCdcScaling}: whole cores, and exactly 4 GiB of memory per core. */
    static void cdcScaling(JsonNode body) {
        BodyField root = object(body);
        BodyField cpuField = root.field("replicaCpuMillicores");
        long cpu = cpuField.integer(REQUIRED, 1000, 32000);
        if (cpu % 1000 != 0) {
            throw cpuField.invalid("must be whole cores, a multiple of 1000 (got " + cpu + ")");
        }
        BodyField memoryField = root.field("replicaMemoryGb");
        double memory = memoryField.number(REQUIRED, 4, 128);
        if (memory % 4 != 0) {
            throw memoryField.invalid("must be a multiple of 4 (got " + readable(memory) + ")");
        }
        long cores = cpu / 1000;
        if (memory != cores * 4.0) {
            throw memoryField.invalid("must be 4 × the CPU core count: " + cores * 4 + " GiB for " + cpu
                    + " millicores (got " + readable(memory) + ")");
        }
    }

    /** {@code PUT …/settings} (and the settings of a create or change); answers the pairs to merge. */
    static Map<String, JsonNode> settings(JsonNode body) {
        object(body);
        settings(BodyField.root(body), REQUIRED);
        Map<String, JsonNode> pairs = new LinkedHashMap<>();
        body.properties().forEach(entry -> pairs.put(entry.getKey(), entry.getValue()));
        return pairs;
    }

    private static void settings(BodyField settings, BodyField.Presence presence) {
        if (!settings.object(presence)) {
            return;
        }
        for (String key : settings.node().propertyNames()) {
            BodyField value = settings.field(key);
            if (BOOLEAN_SETTINGS.contains(key)) {
                value.bool(NULLABLE);
            } else if (SETTING_RANGES.containsKey(key)) {
                long[] range = SETTING_RANGES.get(key);
                value.integer(NULLABLE, range[0], range[1]);
            } else {
                throw value.invalid("is not a ClickPipes setting; known settings: "
                        + String.join(", ", ClickPipeSettings.KEYS));
            }
        }
    }

    /** {@code PATCH …/state}. */
    static ClickPipeCommand stateCommand(JsonNode body) {
        String command = object(body).field("command").oneOf(REQUIRED, wireNames(ClickPipeCommand.values()));
        for (ClickPipeCommand value : ClickPipeCommand.values()) {
            if (value.wireName().equals(command)) {
                return value;
            }
        }
        throw new IllegalStateException(command);
    }

    /** {@code PATCH …/services/{id}/state}. */
    static ServiceCommand serviceCommand(JsonNode body) {
        String command = object(body).field("command").oneOf(REQUIRED, wireNames(ServiceCommand.values()));
        for (ServiceCommand value : ServiceCommand.values()) {
            if (value.wireName().equals(command)) {
                return value;
            }
        }
        throw new IllegalStateException(command);
    }

    /** {@code POST …/clickpipes/schemaDiscovery}: a Kafka or a Kinesis source; answers which. */
    static SourceKind schemaDiscovery(JsonNode body) {
        BodyField source = object(body).field("source");
        source.object(REQUIRED);
        String kind = onlyKind(source, List.of("kafka", "kinesis"));
        if ("kafka".equals(kind)) {
            SourceRules.kafka(source.field("kafka"));
            return SourceKind.KAFKA;
        }
        SourceRules.kinesis(source.field("kinesis"));
        return SourceKind.KINESIS;
    }

    // ---- shared ----

    static BodyField object(JsonNode body) {
        BodyField root = BodyField.root(body);
        if (body == null || !body.isObject()) {
            throw root.invalid("the request body must be a JSON object");
        }
        return root;
    }

    private static void pipeName(BodyField name, BodyField.Presence presence) {
        String value = name.string(presence);
        if (value != null && (value.isBlank() || value.length() > LONGEST_NAME)) {
            throw name.invalid("must be 1 to " + LONGEST_NAME + " characters");
        }
    }

    /** The one kind named in {@code source}; 400 when none or several are. */
    private static String onlyKind(BodyField source, List<String> kinds) {
        String kind = onlyKindIfAny(source, kinds);
        if (kind == null) {
            throw source.invalid("must name one source kind: " + String.join(", ", kinds));
        }
        return kind;
    }

    private static String onlyKindIfAny(BodyField source, List<String> kinds) {
        List<String> named = new ArrayList<>();
        for (String kind : kinds) {
            if (source.field(kind).object(NULLABLE)) {
                named.add(kind);
            }
        }
        if (named.size() > 1) {
            throw source.invalid("must name exactly one source kind, not " + String.join(" and ", named));
        }
        return named.isEmpty() ? null : named.get(0);
    }

    private static void mustBeColumn(BodyField field, String column, List<String> columns) {
        if (!columns.contains(column)) {
            throw field.invalid("\"" + column + "\" is not a destination column");
        }
    }

    private static List<String> wireNames(Enum<?>[] values) {
        List<String> names = new ArrayList<>();
        for (Enum<?> value : values) {
            names.add(value instanceof ClickPipeCommand command ? command.wireName()
                    : ((ServiceCommand) value).wireName());
        }
        return names;
    }

    private static String readable(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static Map<String, long[]> settingRanges() {
        Map<String, long[]> ranges = new LinkedHashMap<>();
        ranges.put(ClickPipeSettings.STREAMING_MAX_INSERT_WAIT_MS, new long[] {500, 60_000});
        ranges.put(ClickPipeSettings.OBJECT_STORAGE_CONCURRENCY, new long[] {1, 35});
        ranges.put(ClickPipeSettings.OBJECT_STORAGE_POLLING_INTERVAL_MS, new long[] {100, 3_600_000});
        ranges.put(ClickPipeSettings.OBJECT_STORAGE_MAX_INSERT_BYTES, new long[] {10_485_760L, 53_687_091_200L});
        ranges.put(ClickPipeSettings.OBJECT_STORAGE_MAX_FILE_COUNT, new long[] {1, 10_000});
        ranges.put(ClickPipeSettings.CLICKHOUSE_MAX_THREADS, new long[] {0, 64});
        ranges.put(ClickPipeSettings.CLICKHOUSE_MAX_INSERT_THREADS, new long[] {0, 16});
        ranges.put(ClickPipeSettings.CLICKHOUSE_MIN_INSERT_BLOCK_SIZE_BYTES, new long[] {0, 10_737_418_240L});
        ranges.put(ClickPipeSettings.CLICKHOUSE_MAX_DOWNLOAD_THREADS, new long[] {0, 32});
        ranges.put(ClickPipeSettings.CLICKHOUSE_PARALLEL_DISTRIBUTED_INSERT_SELECT, new long[] {0, 2});
        return Map.copyOf(ranges);
    }
}
