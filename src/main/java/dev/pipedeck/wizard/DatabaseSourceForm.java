package dev.pipedeck.wizard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.pipedeck.cloud.clickpipe.PlainCredentials;

/**
 * What the Postgres and MySQL wizards ask alike, as the spec has it for both ({@code ClickPipeMutatePostgresSource},
 * {@code ClickPipeMutateMySQLSource}): the server (host, port), the sign-in (a username and password, or an AWS IAM
 * role for the AWS flavours), the TLS options, the replication settings they share, and the table mapping rows with
 * the rules across them. Field names are the JSON paths under {@code source.<kind>}.
 */
final class DatabaseSourceForm {

    static final String BASIC = "basic";
    static final String IAM_ROLE = "IAM_ROLE";

    static final String MODE = "settings.replicationMode";
    static final String CDC = "cdc";
    static final String SNAPSHOT = "snapshot";
    static final String CDC_ONLY = "cdc_only";
    /** The modes that follow changes after they start (a replication stream). */
    static final String[] CHANGE_MODES = {CDC, CDC_ONLY};
    /** The modes that begin with an initial load (a snapshot of the tables). */
    static final String[] LOAD_MODES = {CDC, SNAPSHOT};

    /** A host name (RFC 1123 labels) or an IPv4 address: the spec's {@code format: hostname}. */
    static final Pattern HOSTNAME = Pattern.compile("(?=.{1,253}$)"
            + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----[\\s\\S]+?-----END CERTIFICATE-----");
    /** Characters a ClickHouse table name made by ClickPipes should not hold: dots, quotes, slashes, spaces. */
    private static final Pattern TARGET_TABLE = Pattern.compile("[^\\s.`\"'/\\\\]+");
    private static final int CLICKHOUSE_NAME_BYTES = 255;

    /**
     * A flavour of the kind (the spec's {@code type} enum): tile label and description, what its host looks like,
     * and whether it runs on AWS (RDS, Aurora): only those accept IAM database authentication.
     */
    record Flavour(String type, String label, String description, String hostPlaceholder, boolean aws) {

        List<String> authentications() {
            return aws ? List.of(BASIC, IAM_ROLE) : List.of(BASIC);
        }
    }

    /** How the kind names things: "Postgres"/"MySQL", its default port and its identifier limit. */
    record Engine(String name, int defaultPort, int identifierLimit, boolean limitInBytes, String namespace,
            String namespacePlaceholder) {
    }

    private DatabaseSourceForm() {
    }

    static Flavour flavour(List<Flavour> flavours, String type) {
        return flavours.stream().filter(f -> f.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No such flavour: " + type));
    }

    // ---- step 1

    /** Host and port (then the kind's own fields, e.g. Postgres' database), sign-in and TLS. */
    static List<WizardField> serverFields(Engine engine, Flavour flavour) {
        return List.of(
                WizardField.named("host", "Host", FieldType.TEXT).required()
                        .placeholder(flavour.hostPlaceholder())
                        .help("The server's host name or IP address, without a port or scheme. To go through a "
                                + "reverse private endpoint, type the endpoint's host name.")
                        .build(),
                WizardField.named("port", "Port", FieldType.INTEGER).required().range(1, 65535)
                        .placeholder(String.valueOf(engine.defaultPort()))
                        .help(engine.name() + " listens on " + engine.defaultPort() + " unless set up otherwise.")
                        .build());
    }

    static List<WizardField> signInAndTlsFields(Engine engine, Flavour flavour) {
        List<WizardField> fields = new ArrayList<>();
        fields.add(WizardField.named("authentication", "Authentication", FieldType.SELECT).required()
                .options(flavour.authentications().stream()
                        .map(method -> new FieldOption(method, BASIC.equals(method) ? "Username and password"
                                : "AWS IAM role (IAM database authentication)"))
                        .toList())
                .build());
        fields.add(WizardField.named("credentials.username", "Username", FieldType.TEXT).required()
                .shownWhen("authentication", flavour.authentications().toArray(String[]::new))
                .help(flavour.aws() ? "The database user ClickPipes signs in as; with an IAM role, the user granted "
                        + "IAM authentication (e.g. clickpipes_iam_user)."
                        : "The database user ClickPipes signs in as.")
                .build());
        fields.add(WizardField.named("credentials.password", "Password", FieldType.SECRET).required()
                .shownWhen("authentication", BASIC)
                .help("Kept encrypted until the pipe is created, then forgotten.").build());
        if (flavour.aws()) {
            fields.add(WizardField.named("iamRole", "IAM role ARN", FieldType.ARN).required()
                    .shownWhen("authentication", IAM_ROLE)
                    .placeholder("arn:aws:iam::123456789012:role/clickpipes-" + engine.name().toLowerCase())
                    .help("A role allowed to connect to the database (rds-db:connect) that trusts your ClickHouse "
                            + "service's IAM role. Works only for services running on AWS.")
                    .build());
        }
        fields.add(WizardField.named("tlsHost", "TLS server name", FieldType.TEXT)
                .help("Only when the server's certificate names another host than the one above (e.g. when "
                        + "connecting by IP address or through an endpoint).")
                .build());
        fields.add(WizardField.named("caCertificate", "CA certificate", FieldType.TEXTAREA)
                .placeholder("-----BEGIN CERTIFICATE-----")
                .help("Only when the server's certificate is not signed by a public authority: the PEM encoded CA "
                        + "certificates that signed it.")
                .build());
        fields.add(WizardField.named("skipCertVerification", "Skip certificate verification", FieldType.CHECKBOX)
                .help("Encrypt but do not check who answers. Use with caution in production.").build());
        fields.add(WizardField.named("disableTls", "Disable TLS", FieldType.CHECKBOX)
                .help("Connect without encryption. Use with caution in production.").build());
        return fields;
    }

    static void connectionErrors(Flavour flavour, WizardValues values, Map<String, String> errors) {
        String host = values.get("host");
        if (host != null) {
            String hostError = hostError(host);
            if (hostError != null) {
                errors.put("host", hostError);
            }
        }
        String method = values.get("authentication");
        if (method != null && !flavour.authentications().contains(method)) {
            errors.put("authentication", flavour.label() + " signs in with a username and password only: IAM "
                    + "database authentication is for Amazon RDS and Aurora.");
        }
        String role = values.get("iamRole");
        if (IAM_ROLE.equals(method) && role != null && role.startsWith("arn:")
                && !IamRoleArn.matches(role)) {
            errors.put("iamRole", "Give the ARN of an IAM role: arn:aws:iam::<account>:role/<name>.");
        }
        String tlsHost = values.get("tlsHost");
        if (tlsHost != null && !HOSTNAME.matcher(tlsHost).matches()) {
            errors.put("tlsHost", "The name the server's certificate is issued for, e.g. db.example.com.");
        }
        String caCertificate = values.get("caCertificate");
        if (caCertificate != null && !CERTIFICATE.matcher(caCertificate).find()) {
            errors.put("caCertificate",
                    "Paste PEM certificates, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.");
        }
        if (values.isOn("disableTls")) {
            String why = "TLS is disabled, so this is not used: clear it, or untick Disable TLS.";
            for (String tlsOption : List.of("tlsHost", "caCertificate", "skipCertVerification")) {
                if (values.get(tlsOption) != null) {
                    errors.putIfAbsent(tlsOption, why);
                }
            }
        }
    }

    private static String hostError(String host) {
        if (host.contains("://")) {
            return "Type the host name only, without a scheme like postgres:// or mysql://.";
        }
        if (host.matches(".+:\\d+")) {
            return "Type the port in the Port field, and only the host name here.";
        }
        if (!HOSTNAME.matcher(host).matches()) {
            return "Not a host name or IPv4 address: type one like db.example.com or 10.0.0.12.";
        }
        return null;
    }

    /** The credentials the sign-in method sends: username and password, or (IAM) the username alone. */
    static PlainCredentials credentials(String method, WizardValues values) {
        if (BASIC.equals(method)) {
            return new PlainCredentials(values.get("credentials.username"), values.secret("credentials.password"));
        }
        String username = values.get("credentials.username");
        return username == null ? null : new PlainCredentials(username, null);
    }

    // ---- step 2

    static WizardField modeField() {
        return WizardField.named(MODE, "Replication mode", FieldType.SELECT).required()
                .options(List.of(
                        new FieldOption(CDC, "Initial load, then every change (cdc)"),
                        new FieldOption(SNAPSHOT, "One-time copy of the tables (snapshot)"),
                        new FieldOption(CDC_ONLY, "Changes from now on, no initial load (cdc_only)")))
                .build();
    }

    /** The settings both kinds have, each shown for the modes it applies to. */
    static List<WizardField> sharedSettingFields(Engine engine) {
        return List.of(
                integer("settings.syncIntervalSeconds", "Sync interval (seconds)", 1,
                        "How often changes are pulled from " + engine.name() + " and pushed to ClickHouse.", "60",
                        CHANGE_MODES),
                integer("settings.pullBatchSize", "Pull batch size (rows)", 1,
                        "Rows pulled in each batch while following changes.", "1000", CHANGE_MODES),
                integer("settings.initialLoadParallelism", "Initial load parallelism", 1,
                        "Parallel workers per table during the initial load.", "1", LOAD_MODES),
                integer("settings.snapshotNumRowsPerPartition", "Rows per partition", 1000,
                        "Rows in each partition the initial load splits a table into.", "100000", LOAD_MODES),
                integer("settings.snapshotNumberOfParallelTables", "Parallel tables", 1,
                        "Tables loaded at the same time during the initial load.", "1", LOAD_MODES),
                WizardField.named("settings.allowNullableColumns", "Nullable columns", FieldType.CHECKBOX)
                        .help("Columns without NOT NULL become Nullable(…) in ClickHouse. Off: NULLs become the "
                                + "type's default value. Nullable columns cost some performance.")
                        .build(),
                WizardField.named("settings.deleteOnMerge", "Delete on merge", FieldType.CHECKBOX)
                        .shownWhen(MODE, CHANGE_MODES)
                        .help("Rows deleted in " + engine.name() + " are removed for good when ReplacingMergeTree "
                                + "merges, rather than kept marked as deleted.")
                        .build());
    }

    private static WizardField integer(String name, String label, long min, String help, String example,
            String[] modes) {
        return WizardField.named(name, label, FieldType.INTEGER).range(min, Integer.MAX_VALUE).placeholder(example)
                .shownWhen(MODE, modes).help(help + " At least " + min + ". Empty: the default.").build();
    }

    static boolean applies(String mode, String[] modes) {
        return mode != null && Arrays.asList(modes).contains(mode);
    }

    static Integer integerIn(WizardValues values, String name, String mode, String[] modes) {
        String value = values.get(name);
        return applies(mode, modes) && value != null ? Integer.valueOf(value) : null;
    }

    static Boolean onIn(WizardValues values, String name, String mode, String[] modes) {
        return (modes == null || applies(mode, modes)) && values.isOn(name) ? Boolean.TRUE : null;
    }

    static String textIn(WizardValues values, String name, String mode, String[] modes) {
        return applies(mode, modes) ? values.get(name) : null;
    }

    // ---- step 3: the table mapping rows

    /** One filled row, with its target table as it will be sent (typed, or {@code <schema>_<table>}). */
    record Row(int row, String schema, String table, String typedTarget, List<String> excludedColumns,
            List<String> sortingKeys, String tableEngine, String partitionKey, String partitionByExpr) {

        String target() {
            return typedTarget != null ? typedTarget : schema + "_" + table;
        }

        String key(String part) {
            return DatabaseDestination.PREFIX + "." + row + "." + part;
        }
    }

    static List<WizardField> rowFields(Engine engine, boolean partitionByExpression) {
        List<WizardField> fields = new ArrayList<>();
        fields.add(WizardField.named("sourceSchemaName", "Source " + engine.namespace(), FieldType.TEXT).required()
                .placeholder(engine.namespacePlaceholder()).help("The " + engine.namespace() + " the table is in.")
                .build());
        fields.add(WizardField.named("sourceTable", "Source table", FieldType.TEXT).required().placeholder("users")
                .help("The table's name, without its " + engine.namespace() + ".").build());
        fields.add(WizardField.named("targetTable", "Target table", FieldType.TEXT)
                .placeholder(engine.namespacePlaceholder() + "_users")
                .help("The ClickHouse table, created if it does not exist (for snapshot mode it must be empty). "
                        + "Empty: <" + engine.namespace() + ">_<table>.")
                .build());
        fields.add(WizardField.named("excludedColumns", "Excluded columns", FieldType.TEXT).placeholder("a, b")
                .help("Columns not to replicate, separated by commas.").build());
        fields.add(WizardField.named("sortingKeys", "Sorting key", FieldType.TEXT).placeholder("primary key")
                .help("Columns of the ClickHouse ORDER BY, in order, separated by commas. Empty: the source's "
                        + "primary key.")
                .build());
        fields.add(WizardField.named("tableEngine", "Engine", FieldType.SELECT)
                .options(List.of(FieldOption.of("ReplacingMergeTree"), FieldOption.of("MergeTree"),
                        FieldOption.of("Null")))
                .help("ReplacingMergeTree keeps updates and deletes; MergeTree only appends; Null stores nothing "
                        + "(for materialized views). Empty: the default.")
                .build());
        fields.add(WizardField.named("partitionKey", "Snapshot partition column", FieldType.TEXT)
                .help("An indexed integer or timestamp column to split the initial load by (not ClickHouse "
                        + "partitioning).")
                .build());
        if (partitionByExpression) {
            fields.add(WizardField.named("partitionByExpr", "PARTITION BY", FieldType.TEXT)
                    .placeholder("toYYYYMM(created_at)")
                    .help("A ClickHouse PARTITION BY expression for the table ClickPipes creates.").build());
        }
        return fields;
    }

    static List<Row> rows(List<WizardField> fields, WizardValues values) {
        List<Row> rows = new ArrayList<>();
        for (int row : DatabaseDestination.filledRows(fields, values)) {
            String prefix = DatabaseDestination.PREFIX + "." + row + ".";
            rows.add(new Row(row, values.get(prefix + "sourceSchemaName"), values.get(prefix + "sourceTable"),
                    values.get(prefix + "targetTable"), list(values.get(prefix + "excludedColumns")),
                    list(values.get(prefix + "sortingKeys")), values.get(prefix + "tableEngine"),
                    values.get(prefix + "partitionKey"), values.get(prefix + "partitionByExpr")));
        }
        return rows;
    }

    /** The rules across rows and within a row that field declarations cannot say. */
    static Map<String, String> rowErrors(Engine engine, List<WizardField> fields, WizardValues values) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Integer> sources = new LinkedHashMap<>();
        Map<String, Integer> targets = new LinkedHashMap<>();
        String mode = values.get(MODE);
        for (Row row : rows(fields, values)) {
            sourceNameError(engine, row.schema(), "The " + engine.namespace(), false)
                    .ifPresent(e -> errors.put(row.key("sourceSchemaName"), e));
            sourceNameError(engine, row.table(), "The table", true)
                    .ifPresent(e -> errors.put(row.key("sourceTable"), e));
            if (row.typedTarget() != null) {
                targetError(row.typedTarget()).ifPresent(e -> errors.put(row.key("targetTable"), e));
            }
            if (row.schema() != null && row.table() != null) {
                Integer earlier = sources.putIfAbsent(row.schema() + "\u0000" + row.table(), row.row());
                if (earlier != null) {
                    errors.putIfAbsent(row.key("sourceTable"), row.schema() + "." + row.table()
                            + " is already replicated by table " + (earlier + 1) + ".");
                }
                Integer sameTarget = targets.putIfAbsent(row.target(), row.row());
                if (sameTarget != null) {
                    errors.putIfAbsent(row.key("targetTable"), "Table " + (sameTarget + 1) + " already writes to "
                            + row.target() + ": give each a target of its own.");
                }
            }
            columnListError(engine, row.excludedColumns()).ifPresent(e -> errors.put(row.key("excludedColumns"), e));
            columnListError(engine, row.sortingKeys()).ifPresent(e -> errors.put(row.key("sortingKeys"), e));
            for (String key : row.sortingKeys()) {
                if (row.excludedColumns().contains(key)) {
                    errors.putIfAbsent(row.key("sortingKeys"), key + " is excluded, so it cannot be in the "
                            + "sorting key.");
                }
            }
            if ("Null".equals(row.tableEngine())) {
                if (!row.sortingKeys().isEmpty()) {
                    errors.putIfAbsent(row.key("sortingKeys"), "The Null engine stores nothing, so it has no "
                            + "sorting key.");
                }
                if (row.partitionByExpr() != null) {
                    errors.putIfAbsent(row.key("partitionByExpr"), "The Null engine stores nothing, so it has no "
                            + "partitions.");
                }
            }
            if (row.partitionKey() != null) {
                if (row.excludedColumns().contains(row.partitionKey())) {
                    errors.put(row.key("partitionKey"), row.partitionKey() + " is excluded, so the initial load "
                            + "cannot be split by it.");
                } else if (CDC_ONLY.equals(mode)) {
                    errors.put(row.key("partitionKey"), "cdc_only has no initial load to split: clear this, or "
                            + "choose another replication mode on the Data step.");
                } else {
                    sourceNameError(engine, row.partitionKey(), "The column", false)
                            .ifPresent(e -> errors.put(row.key("partitionKey"), e));
                }
            }
        }
        return errors;
    }

    /** A source name that cannot be right: control characters, too long, or (a table's) schema-qualified. */
    private static Optional<String> sourceNameError(Engine engine, String name, String what, boolean table) {
        if (name == null) {
            return Optional.empty();
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(what + " name holds a control character.");
        }
        if (table && name.contains(".")) {
            return Optional.of("Type the " + engine.namespace() + " in its own column and only the table "
                    + "name here.");
        }
        int length = engine.limitInBytes() ? name.getBytes(StandardCharsets.UTF_8).length : name.length();
        if (length > engine.identifierLimit()) {
            return Optional.of(what + " name is longer than " + engine.name() + " allows ("
                    + engine.identifierLimit() + (engine.limitInBytes() ? " bytes" : " characters") + ").");
        }
        return Optional.empty();
    }

    private static Optional<String> targetError(String target) {
        if (!TARGET_TABLE.matcher(target).matches()) {
            return Optional.of(target.contains(".")
                    ? "Type the table name only: the database is the target database above."
                    : "A target table name has no spaces, quotes, dots or slashes.");
        }
        if (target.getBytes(StandardCharsets.UTF_8).length > CLICKHOUSE_NAME_BYTES) {
            return Optional.of("A ClickHouse table name is at most " + CLICKHOUSE_NAME_BYTES + " bytes.");
        }
        return Optional.empty();
    }

    private static Optional<String> columnListError(Engine engine, List<String> columns) {
        Set<String> seen = new LinkedHashSet<>();
        for (String column : columns) {
            if (!seen.add(column)) {
                return Optional.of(column + " is listed twice.");
            }
            Optional<String> error = sourceNameError(engine, column, "A column", false);
            if (error.isPresent()) {
                return error;
            }
        }
        return Optional.empty();
    }

    /** A comma-separated list: items trimmed, empty ones dropped. */
    static List<String> list(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** The list, or null when empty (so the JSON leaves it out). */
    static List<String> listOrNull(List<String> items) {
        return items.isEmpty() ? null : items;
    }

    /** Puts {@code value} under {@code name} when it is there. */
    static void put(Map<String, String> values, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            values.put(name, value.toString());
        }
    }

    static void putOn(Map<String, String> values, String name, Boolean on) {
        if (Boolean.TRUE.equals(on)) {
            values.put(name, "true");
        }
    }

    /** The prefilled rows of the mappings, {@code tables.N.<field>}. */
    static void putRow(Map<String, String> values, int row, String field, Object value) {
        if (value instanceof List<?> items) {
            put(values, DatabaseDestination.PREFIX + "." + row + "." + field,
                    items.isEmpty() ? null : String.join(", ", items.stream().map(String::valueOf).toList()));
        } else {
            put(values, DatabaseDestination.PREFIX + "." + row + "." + field, value);
        }
    }
}
