package dev.pipedeck.pipes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchMongoDBSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchMySQLSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchPostgresSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeSource;

/**
 * The table mappings of a Postgres, MySQL or MongoDB pipe: the ones it has, how the page labels their parts, what a
 * change must satisfy before it is sent, and the patch body ({@code tableMappingsToAdd} / {@code
 * tableMappingsToRemove}) that carries it. ClickHouse Cloud applies such a patch only while the pipe is paused.
 */
public final class TableMappings {

    /** Longest name Pipedeck accepts for a schema, table, collection or column (the pipe name's limit too). */
    static final int LONGEST_NAME = 255;
    /** The engines the spec lists for a target table (the same for the three kinds). */
    public static final List<String> ENGINES = ClickPipePostgresPipeTableMapping.TABLE_ENGINES;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final String kind;
    private final List<MappedTable> current;

    private TableMappings(String kind, List<MappedTable> current) {
        this.kind = kind;
        this.current = List.copyOf(current);
    }

    /** The mappings of a Postgres, MySQL or MongoDB pipe; empty for the other kinds (BigQuery cannot be patched). */
    static Optional<TableMappings> of(ClickPipe pipe) {
        ClickPipeSource source = pipe.source();
        if (source == null) {
            return Optional.empty();
        }
        List<MappedTable> tables = new ArrayList<>();
        if (source.postgres() != null) {
            nullSafe(source.postgres().tableMappings()).forEach(m -> tables.add(new MappedTable(m.sourceSchemaName(),
                    m.sourceTable(), m.targetTable(), m.tableEngine(), m.excludedColumns(), m.sortingKeys(),
                    m.partitionKey(), m.partitionByExpr())));
            return Optional.of(new TableMappings("postgres", tables));
        }
        if (source.mysql() != null) {
            nullSafe(source.mysql().tableMappings()).forEach(m -> tables.add(new MappedTable(m.sourceSchemaName(),
                    m.sourceTable(), m.targetTable(), m.tableEngine(), m.excludedColumns(), m.sortingKeys(),
                    m.partitionKey(), null)));
            return Optional.of(new TableMappings("mysql", tables));
        }
        if (source.mongodb() != null) {
            nullSafe(source.mongodb().tableMappings()).forEach(m -> tables.add(new MappedTable(m.sourceDatabaseName(),
                    m.sourceCollection(), m.targetTable(), m.tableEngine(), null, null, null, null)));
            return Optional.of(new TableMappings("mongodb", tables));
        }
        return Optional.empty();
    }

    /** {@code public.orders → public_orders} for each mapping of a pipe (none for pipes without mappings). */
    static List<String> labels(ClickPipe pipe) {
        return of(pipe).map(mappings -> mappings.current().stream().map(MappedTable::label).toList())
                .orElse(List.of());
    }

    public String kind() {
        return kind;
    }

    public List<MappedTable> current() {
        return current;
    }

    /** What the first part of a source is called: a Postgres schema, a MySQL or MongoDB database. */
    public String namespaceLabel() {
        return "postgres".equals(kind) ? "Schema" : "Database";
    }

    public String tableLabel() {
        return "mongodb".equals(kind) ? "Collection" : "Table";
    }

    /** Postgres and MySQL mappings take excluded columns, a custom sorting key and a partition key. */
    public boolean hasColumnOptions() {
        return !"mongodb".equals(kind);
    }

    /** Only Postgres mappings take a PARTITION BY expression. */
    public boolean hasPartitionByExpr() {
        return "postgres".equals(kind);
    }

    public List<String> engines() {
        return ENGINES;
    }

    /**
     * What is wrong with a change: rows missing a part, names Pipedeck would not send, column lists with a name
     * twice (the spec wants them unique), a target table already written by another mapping, a table replicated
     * twice, a removal of a mapping the pipe does not have, and a change that would leave the pipe without tables.
     */
    FormProblems check(TableMappingsForm form) {
        FormProblems problems = FormProblems.none();
        Set<String> removed = new LinkedHashSet<>();
        for (String target : form.getRemove()) {
            if (current.stream().noneMatch(table -> table.target().equals(target))) {
                problems.global("The pipe has no mapping to " + target + " (any more): it cannot be removed.");
            } else {
                removed.add(target);
            }
        }
        Map<String, String> targets = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        for (MappedTable table : current) {
            if (!removed.contains(table.target())) {
                targets.put(table.target(), "the existing mapping of " + table.source());
                sources.put(table.source(), "already replicated to " + table.target());
            }
        }
        int additions = 0;
        List<TableMappingRow> rows = form.getAdd();
        for (int i = 0; i < rows.size(); i++) {
            TableMappingRow row = rows.get(i);
            if (row == null || row.isBlank()) {
                continue;
            }
            additions++;
            String path = "add[" + i + "].";
            String namespace = required(problems, path + "sourceNamespace", row.getSourceNamespace(),
                    "Give the source " + namespaceLabel().toLowerCase() + ".");
            String table = required(problems, path + "sourceTable", row.getSourceTable(),
                    "Give the source " + tableLabel().toLowerCase() + ".");
            String target = required(problems, path + "targetTable", row.getTargetTable(),
                    "Give the ClickHouse table to write to.");
            if (target != null) {
                String owner = targets.putIfAbsent(target, "row " + (i + 1));
                if (owner != null) {
                    problems.field(path + "targetTable", target + " is already the target of " + owner
                            + ": each table is written by one mapping.");
                }
            }
            if (namespace != null && table != null) {
                String source = namespace + "." + table;
                String already = sources.putIfAbsent(source, "already added in row " + (i + 1));
                if (already != null) {
                    problems.field(path + "sourceTable", source + " is " + already + ".");
                }
            }
            String engine = trimmed(row.getTableEngine());
            if (!engine.isEmpty() && !ENGINES.contains(engine)) {
                problems.field(path + "tableEngine", "Choose one of " + String.join(", ", ENGINES) + ".");
            }
            if (hasColumnOptions()) {
                columns(problems, path + "excludedColumns", row.getExcludedColumns());
                columns(problems, path + "sortingKeys", row.getSortingKeys());
                optionalName(problems, path + "partitionKey", row.getPartitionKey());
            } else if (row.hasOptions()) {
                problems.field(path + "excludedColumns", "MongoDB mappings take no column options.");
            }
            if (!hasPartitionByExpr() && !trimmed(row.getPartitionByExpr()).isEmpty()) {
                problems.field(path + "partitionByExpr", "Only Postgres mappings take a PARTITION BY expression.");
            } else if (CONTROL.matcher(trimmed(row.getPartitionByExpr())).find()) {
                problems.field(path + "partitionByExpr", "Write the expression on one line.");
            }
        }
        if (additions == 0 && removed.isEmpty() && problems.isEmpty()) {
            problems.global("Nothing to change: fill in a row to add a table, or tick a mapping to remove it.");
        } else if (additions == 0 && !removed.isEmpty() && removed.size() == current.size()) {
            problems.global("A pipe needs at least one table: removing every mapping would leave it empty. Add a "
                    + "table in the same change, or delete the pipe instead.");
        }
        return problems;
    }

    /** The change a checked form asks for. */
    MappingChange change(TableMappingsForm form) {
        List<MappedTable> additions = new ArrayList<>();
        for (TableMappingRow row : form.getAdd()) {
            if (row == null || row.isBlank()) {
                continue;
            }
            additions.add(new MappedTable(trimmed(row.getSourceNamespace()), trimmed(row.getSourceTable()),
                    trimmed(row.getTargetTable()), emptyToNull(row.getTableEngine()),
                    hasColumnOptions() ? columnList(row.getExcludedColumns()) : List.of(),
                    hasColumnOptions() ? columnList(row.getSortingKeys()) : List.of(),
                    hasColumnOptions() ? emptyToNull(row.getPartitionKey()) : null,
                    hasPartitionByExpr() ? emptyToNull(row.getPartitionByExpr()) : null));
        }
        List<MappedTable> removals = current.stream().filter(table -> form.getRemove().contains(table.target()))
                .toList();
        return new MappingChange(additions, removals);
    }

    /**
     * The patch body of a change, with what the spec requires alongside: MySQL {@code host} and {@code port}, MongoDB
     * {@code uri} and {@code readPreference}, taken from the pipe as it is. Removals name only the source and target.
     */
    ClickPipePatchRequest patch(ClickPipe pipe, MappingChange change) {
        ClickPipePatchSource source = switch (kind) {
            case "postgres" -> new ClickPipePatchSource(null, null, null, null, ClickPipePatchPostgresSource.builder()
                    .tableMappingsToAdd(emptyToNull(change.additions().stream().map(TableMappings::postgres)
                            .toList()))
                    .tableMappingsToRemove(emptyToNull(change.removals().stream().map(t ->
                            ClickPipePostgresPipeTableMapping.of(t.namespace(), t.table(), t.target())).toList()))
                    .build(), null, null, null);
            case "mysql" -> {
                ClickPipeMySQLSource mysql = pipe.source().mysql();
                yield new ClickPipePatchSource(null, null, null, null, null, ClickPipePatchMySQLSource.builder()
                        .host(mysql.host()).port(mysql.port())
                        .tableMappingsToAdd(emptyToNull(change.additions().stream().map(TableMappings::mysql)
                                .toList()))
                        .tableMappingsToRemove(emptyToNull(change.removals().stream().map(t ->
                                ClickPipeMySQLPipeTableMapping.of(t.namespace(), t.table(), t.target())).toList()))
                        .build(), null, null);
            }
            case "mongodb" -> {
                ClickPipeMongoDBSource mongodb = pipe.source().mongodb();
                yield new ClickPipePatchSource(null, null, null, null, null, null, ClickPipePatchMongoDBSource.builder()
                        .uri(mongodb.uri()).readPreference(mongodb.readPreference())
                        .tableMappingsToAdd(emptyToNull(change.additions().stream().map(t ->
                                new ClickPipeMongoDBPipeTableMapping(t.namespace(), t.table(), t.target(), t.engine()))
                                .toList()))
                        .tableMappingsToRemove(emptyToNull(change.removals().stream().map(t ->
                                ClickPipeMongoDBPipeTableMapping.of(t.namespace(), t.table(), t.target())).toList()))
                        .build(), null);
            }
            default -> throw new IllegalStateException(kind);
        };
        return new ClickPipePatchRequest(null, source, null, null, null);
    }

    private static ClickPipePostgresPipeTableMapping postgres(MappedTable t) {
        return new ClickPipePostgresPipeTableMapping(t.namespace(), t.table(), t.target(), emptyToNull(t.excludedColumns()),
                t.sortingKeys().isEmpty() ? null : Boolean.TRUE, emptyToNull(t.sortingKeys()), t.engine(),
                t.partitionKey(), t.partitionByExpr());
    }

    private static ClickPipeMySQLPipeTableMapping mysql(MappedTable t) {
        return new ClickPipeMySQLPipeTableMapping(t.namespace(), t.table(), t.target(), emptyToNull(t.excludedColumns()),
                t.sortingKeys().isEmpty() ? null : Boolean.TRUE, emptyToNull(t.sortingKeys()), t.engine(),
                t.partitionKey());
    }

    private static String required(FormProblems problems, String path, String value, String missing) {
        String text = trimmed(value);
        if (text.isEmpty()) {
            problems.field(path, missing);
            return null;
        }
        Optional<String> problem = nameProblem(text);
        if (problem.isPresent()) {
            problems.field(path, problem.get());
            return null;
        }
        return text;
    }

    private static void optionalName(FormProblems problems, String path, String value) {
        String text = trimmed(value);
        if (!text.isEmpty()) {
            nameProblem(text).ifPresent(problem -> problems.field(path, problem));
        }
    }

    private static void columns(FormProblems problems, String path, String value) {
        Set<String> seen = new LinkedHashSet<>();
        for (String column : columnList(value)) {
            Optional<String> problem = nameProblem(column);
            if (problem.isPresent()) {
                problems.field(path, column + ": " + problem.get());
            } else if (!seen.add(column)) {
                problems.field(path, column + " is listed twice: column names must be unique within the list.");
            }
        }
    }

    private static Optional<String> nameProblem(String name) {
        if (name.length() > LONGEST_NAME) {
            return Optional.of("At most " + LONGEST_NAME + " characters (this is " + name.length() + ").");
        }
        if (CONTROL.matcher(name).find()) {
            return Optional.of("Line breaks and control characters are not allowed in a name.");
        }
        return Optional.empty();
    }

    private static List<String> columnList(String value) {
        return Arrays.stream(trimmed(value).split(",")).map(String::strip).filter(column -> !column.isEmpty())
                .toList();
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }

    private static String emptyToNull(String value) {
        String text = trimmed(value);
        return text.isEmpty() ? null : text;
    }

    private static <T> List<T> emptyToNull(List<T> values) {
        return values.isEmpty() ? null : values;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
