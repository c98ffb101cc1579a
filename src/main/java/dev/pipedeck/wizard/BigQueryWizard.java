package dev.pipedeck.wizard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeBigQueryPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeBigQueryPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeBigQuerySource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoverySource;

/**
 * The BigQuery wizard: a one-time copy (snapshot) of BigQuery tables, staged through a GCS bucket. Step 1: the service
 * account key (the JSON key file, uploaded or pasted) and the staging path. Step 2: the snapshot settings
 * ({@code ClickPipeBigQueryPipeSettings}). Step 3: the tables, each from a dataset into a table of the target database,
 * with the options the spec offers per table: excluded columns, a sorting key, the engine.
 *
 * <p>The key goes out as {@code credentials: {"serviceAccountFile": "<base64 of the key file>"}} (schema
 * {@code ServiceAccount}, as Pub/Sub's key but under {@code credentials}). A row's sorting key, when typed, sends
 * {@code useCustomSortingKey: true} with it: the spec uses the keys only then, so one field says both.
 */
@Component
public class BigQueryWizard implements SourceWizard {

    static final String KIND = "bigquery";

    /** gs://bucket[/path]: bucket names are 3 to 222 lowercase letters, digits, dots, hyphens and underscores. */
    private static final Pattern STAGING_PATH = Pattern.compile("gs://[a-z0-9][a-z0-9._-]{1,220}[a-z0-9](/\\S*)?");
    /** BigQuery dataset names: letters, digits and underscores, at most 1024. */
    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_]{1,1024}");
    /** BigQuery table names: at most 1024 characters; no dots (those separate project, dataset and table). */
    private static final Pattern TABLE = Pattern.compile("[^.`\\s][^.`]{0,1022}[^.`\\s]|[^.`\\s]");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<SourceTile> tiles() {
        return List.of(new SourceTile("Databases", "BigQuery", KIND, null,
                "Copy BigQuery tables into ClickHouse once (a snapshot), staged through a GCS bucket."));
    }

    @Override
    public boolean replicatesTables() {
        return true;
    }

    @Override
    public List<WizardField> connectionFields(String type) {
        return List.of(
                WizardField.named("serviceAccountKey", "Service account key (JSON)", FieldType.SECRET_JSON).required()
                        .help("Upload or paste the JSON key file of a service account that can read the tables and "
                                + "run jobs (BigQuery Data Viewer and BigQuery Job User) and write to the staging "
                                + "bucket. Kept encrypted until the pipe is created, then forgotten.")
                        .build(),
                WizardField.named("snapshotStagingPath", "GCS staging path", FieldType.TEXT).required()
                        .placeholder("gs://my-staging-bucket/staging/")
                        .help("A gs:// bucket path the tables are exported to on their way; cleaned up after the "
                                + "copy.")
                        .build());
    }

    @Override
    public List<WizardField> dataFields(String type) {
        return List.of(
                WizardField.named("settings.replicationMode", "Replication", FieldType.SELECT).required()
                        .options(List.of(new FieldOption("snapshot", "Copy the tables once (snapshot): the only "
                                + "mode BigQuery offers")))
                        .build(),
                WizardField.named("settings.allowNullableColumns", "Nullable columns", FieldType.SELECT)
                        .options(List.of(new FieldOption("true", "On"), new FieldOption("false", "Off")))
                        .help("On: columns that may be NULL in BigQuery become Nullable in ClickHouse. Empty: the "
                                + "default.")
                        .build(),
                WizardField.named("settings.initialLoadParallelism", "Parallel workers", FieldType.INTEGER)
                        .range(1, Integer.MAX_VALUE).help("Workers copying at once. Empty: the default.").build(),
                WizardField.named("settings.snapshotNumRowsPerPartition", "Rows per partition", FieldType.INTEGER)
                        .range(1, Integer.MAX_VALUE).placeholder("100000")
                        .help("Rows copied per partition of a table. Empty: the default.").build(),
                WizardField.named("settings.snapshotNumberOfParallelTables", "Tables copied in parallel",
                        FieldType.INTEGER).range(1, Integer.MAX_VALUE).help("Empty: the default.").build());
    }

    @Override
    public List<WizardField> tableMappingFields(String type) {
        return List.of(
                WizardField.named("sourceDatasetName", "Dataset", FieldType.TEXT).required()
                        .placeholder("my_dataset").help("The dataset's name, without the project.").build(),
                WizardField.named("sourceTable", "Table", FieldType.TEXT).required().placeholder("my_table").build(),
                WizardField.named("targetTable", "Target table", FieldType.TEXT).required()
                        .placeholder("my_dataset_my_table")
                        .help("The ClickHouse table it goes to, in the target database.").build(),
                WizardField.named("excludedColumns", "Excluded columns", FieldType.TEXT)
                        .placeholder("col_a, col_b").help("Columns left out, separated by commas.").build(),
                WizardField.named("sortingKeys", "Sorting key", FieldType.TEXT).placeholder("day, id")
                        .help("Columns of the ORDER BY key, in order, separated by commas. Empty: the default key.")
                        .build(),
                WizardField.named("tableEngine", "Engine", FieldType.SELECT)
                        .options(ClickPipeBigQueryPipeTableMapping.TABLE_ENGINES.stream().map(FieldOption::of)
                                .toList())
                        .help("ReplacingMergeTree keeps one row per sorting key, MergeTree keeps every row, Null "
                                + "stores nothing (for materialized views). Empty: ClickPipes' default.")
                        .build());
    }

    @Override
    public Map<String, String> crossFieldErrors(int step, String type, WizardValues values) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (step != WizardStep.CONNECTION) {
            return errors;
        }
        String keyProblem = GoogleServiceAccountKey.problem(values.secret("serviceAccountKey"));
        if (keyProblem != null) {
            errors.put("serviceAccountKey", keyProblem);
        }
        String staging = values.get("snapshotStagingPath");
        if (staging != null && !STAGING_PATH.matcher(staging).matches()) {
            errors.put("snapshotStagingPath", staging.startsWith("https://")
                    ? "Give the bucket path as gs://bucket/path/, not the console's https:// address."
                    : "A GCS path: gs:// then the bucket name (lowercase letters, digits, - _ .) and an optional "
                            + "path, e.g. gs://my-staging-bucket/staging/.");
        }
        return errors;
    }

    @Override
    public Map<String, String> tableMappingErrors(String type, WizardValues values) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<Integer> rows = DatabaseDestination.filledRows(tableMappingFields(type), values);
        Map<Integer, String> targets = new LinkedHashMap<>();
        Map<Integer, String> sources = new LinkedHashMap<>();
        for (int row : rows) {
            String prefix = DatabaseDestination.PREFIX + "." + row + ".";
            String dataset = values.get(prefix + "sourceDatasetName");
            String table = values.get(prefix + "sourceTable");
            String target = values.get(prefix + "targetTable");
            if (dataset != null && !DATASET.matcher(dataset).matches()) {
                errors.put(prefix + "sourceDatasetName", dataset.contains(".") || dataset.contains(":")
                        ? "Type the dataset's name only, without the project (the part after the dot)."
                        : "A BigQuery dataset name is letters, digits and underscores.");
            }
            if (table != null && !TABLE.matcher(table).matches()) {
                errors.put(prefix + "sourceTable", table.contains(".")
                        ? "Type the table's name only: the dataset has its own field."
                        : "A BigQuery table name has no backticks and no spaces at its ends, at most 1024 "
                                + "characters.");
            }
            String targetProblem = TableMappingChecks.targetTableProblem(target);
            if (targetProblem != null) {
                errors.put(prefix + "targetTable", targetProblem);
            }
            columnListErrors(errors, prefix, values);
            targets.put(row, target);
            sources.put(row, dataset == null || table == null ? null : dataset + "." + table);
        }
        TableMappingChecks.onlyOnce(errors, rows, targets, "targetTable",
                earlier -> "Table " + earlier + " already goes to this table: each source table needs its own.");
        TableMappingChecks.onlyOnce(errors, rows, sources, "sourceTable",
                earlier -> "Table " + earlier + " already copies this table.");
        return errors;
    }

    private static void columnListErrors(Map<String, String> errors, String prefix, WizardValues values) {
        List<String> excluded = TableMappingChecks.list(values.get(prefix + "excludedColumns"));
        List<String> sorting = TableMappingChecks.list(values.get(prefix + "sortingKeys"));
        List<String> repeatedExcluded = TableMappingChecks.repeated(excluded);
        if (!repeatedExcluded.isEmpty()) {
            errors.put(prefix + "excludedColumns", "Listed twice: " + String.join(", ", repeatedExcluded) + ".");
        }
        List<String> repeatedSorting = TableMappingChecks.repeated(sorting);
        List<String> sortingExcluded = sorting.stream().filter(excluded::contains).distinct().toList();
        if (!repeatedSorting.isEmpty()) {
            errors.put(prefix + "sortingKeys", "Listed twice: " + String.join(", ", repeatedSorting) + ".");
        } else if (!sortingExcluded.isEmpty()) {
            errors.put(prefix + "sortingKeys", "Sorting by an excluded column cannot work: "
                    + String.join(", ", sortingExcluded) + ".");
        }
    }

    @Override
    public ClickPipePostSource source(String type, WizardValues values) {
        return ClickPipePostSource.bigquery(new ClickPipeBigQuerySource(
                values.get("snapshotStagingPath"),
                settings(values),
                tableMappings(type, values),
                GoogleServiceAccountKey.asServiceAccount(values.secret("serviceAccountKey"), "BigQuery")));
    }

    /** The spec's schema discovery takes Kafka and Kinesis sources only. */
    @Override
    public ClickPipeSchemaDiscoverySource discoverySource(String type, WizardValues values) {
        return null;
    }

    @Override
    public Map<String, String> prefill(ClickPipe pipe) {
        Map<String, String> values = new LinkedHashMap<>();
        ClickPipeBigQuerySource bigquery = pipe.source() == null ? null : pipe.source().bigquery();
        if (bigquery == null) {
            return values;
        }
        put(values, "snapshotStagingPath", bigquery.snapshotStagingPath());
        ClickPipeBigQueryPipeSettings settings = bigquery.settings();
        if (settings != null) {
            put(values, "settings.replicationMode", settings.replicationMode());
            put(values, "settings.allowNullableColumns", settings.allowNullableColumns());
            put(values, "settings.initialLoadParallelism", settings.initialLoadParallelism());
            put(values, "settings.snapshotNumRowsPerPartition", settings.snapshotNumRowsPerPartition());
            put(values, "settings.snapshotNumberOfParallelTables", settings.snapshotNumberOfParallelTables());
        }
        List<ClickPipeBigQueryPipeTableMapping> mappings = bigquery.tableMappings() == null ? List.of()
                : bigquery.tableMappings();
        for (int row = 0; row < mappings.size(); row++) {
            ClickPipeBigQueryPipeTableMapping mapping = mappings.get(row);
            String prefix = DatabaseDestination.PREFIX + "." + row + ".";
            put(values, prefix + "sourceDatasetName", mapping.sourceDatasetName());
            put(values, prefix + "sourceTable", mapping.sourceTable());
            put(values, prefix + "targetTable", mapping.targetTable());
            put(values, prefix + "excludedColumns", join(mapping.excludedColumns()));
            if (!Boolean.FALSE.equals(mapping.useCustomSortingKey())) {
                put(values, prefix + "sortingKeys", join(mapping.sortingKeys()));
            }
            put(values, prefix + "tableEngine", mapping.tableEngine());
        }
        return values;
    }

    // ---- the request

    private static ClickPipeBigQueryPipeSettings settings(WizardValues values) {
        String nullable = values.get("settings.allowNullableColumns");
        return new ClickPipeBigQueryPipeSettings(values.get("settings.replicationMode"),
                nullable == null ? null : Boolean.valueOf(nullable),
                integer(values.get("settings.initialLoadParallelism")),
                integer(values.get("settings.snapshotNumRowsPerPartition")),
                integer(values.get("settings.snapshotNumberOfParallelTables")));
    }

    private List<ClickPipeBigQueryPipeTableMapping> tableMappings(String type, WizardValues values) {
        List<ClickPipeBigQueryPipeTableMapping> mappings = new ArrayList<>();
        for (int row : DatabaseDestination.filledRows(tableMappingFields(type), values)) {
            String prefix = DatabaseDestination.PREFIX + "." + row + ".";
            List<String> excluded = TableMappingChecks.list(values.get(prefix + "excludedColumns"));
            List<String> sorting = TableMappingChecks.list(values.get(prefix + "sortingKeys"));
            mappings.add(new ClickPipeBigQueryPipeTableMapping(values.get(prefix + "sourceDatasetName"),
                    values.get(prefix + "sourceTable"), values.get(prefix + "targetTable"),
                    excluded.isEmpty() ? null : excluded,
                    sorting.isEmpty() ? null : Boolean.TRUE,
                    sorting.isEmpty() ? null : sorting,
                    values.get(prefix + "tableEngine")));
        }
        return mappings;
    }

    private static Integer integer(String text) {
        return text == null ? null : Integer.valueOf(text);
    }

    private static String join(List<String> items) {
        return items == null || items.isEmpty() ? null : String.join(", ", items);
    }

    private static void put(Map<String, String> values, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            values.put(name, value.toString());
        }
    }
}
