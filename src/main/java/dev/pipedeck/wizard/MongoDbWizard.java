package dev.pipedeck.wizard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoverySource;
import dev.pipedeck.cloud.clickpipe.PlainCredentials;

/**
 * The MongoDB CDC wizard. Step 1: the connection URI, read preference, username and password, and TLS. Step 2: the
 * replication settings ({@code ClickPipeMongoDBPipeSettings}). Step 3: the collections, each into a table of the
 * target database (renamed at will; its engine optional).
 *
 * <p>Field names are the JSON paths under {@code source.mongodb} except {@code tls}, one choice for the spec's two
 * switches: {@code verify} sends neither (TLS, verifying the certificate: the API's default), {@code noVerify} sends
 * {@code skipCertVerification: true}, {@code off} sends {@code disableTls: true}.
 *
 * <p>The URI is a plain value — kept in the draft, audited, and shown on the pipe's page as the API returns it — so it
 * never holds a password. A connection string pasted with one ({@code mongodb+srv://user:pass@host}, as MongoDB Atlas
 * hands it out) is taken apart before it is saved ({@link #separateSecrets}): the username goes to its field (unless
 * one is typed there), the password to the secret password field (unless one is typed there), and the URI keeps the
 * rest. The check of step 1 still refuses user info in the URI, as the message shown while the field is typed and as
 * the last guard; a URI option holding a secret ({@code tlsCertificateKeyFilePassword=…}) is refused.
 */
@Component
public class MongoDbWizard implements SourceWizard {

    static final String KIND = "mongodb";
    static final String TLS = "tls";
    static final String TLS_VERIFY = "verify";
    static final String TLS_NO_VERIFY = "noVerify";
    static final String TLS_OFF = "off";
    /** The replication modes that read the change stream, and those that copy the collections first. */
    private static final String[] CDC_MODES = {"cdc", "cdc_only"};
    private static final String[] SNAPSHOT_MODES = {"cdc", "snapshot"};

    private static final Pattern HOST = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::\\d{1,5})?");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----[\\s\\S]+?-----END CERTIFICATE-----");
    /** MongoDB database names: no / \ . space " $ * < > : | ? and fewer than 64 characters. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[^/\\\\. \"$*<>:|?\\x00]{1,63}");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<SourceTile> tiles() {
        return List.of(new SourceTile("Databases", "MongoDB CDC", KIND, null,
                "Replicate MongoDB collections into ClickHouse tables: a first copy, then every change."));
    }

    @Override
    public boolean replicatesTables() {
        return true;
    }

    @Override
    public List<WizardField> connectionFields(String type) {
        return List.of(
                WizardField.named("uri", "Connection URI", FieldType.TEXT).required()
                        .placeholder("mongodb+srv://cluster0.example.mongodb.net")
                        .help("mongodb:// or mongodb+srv://, without the username and password (they have fields "
                                + "of their own, below). Options such as ?replicaSet=… or ?authSource=admin may "
                                + "follow.")
                        .build(),
                WizardField.named("readPreference", "Read preference", FieldType.SELECT).required()
                        .options(List.of(
                                new FieldOption("primary", "primary: read from the primary only"),
                                new FieldOption("primaryPreferred", "primaryPreferred: the primary, or a secondary "
                                        + "when it is unavailable"),
                                new FieldOption("secondary", "secondary: secondaries only"),
                                new FieldOption("secondaryPreferred", "secondaryPreferred: a secondary, or the "
                                        + "primary when none is available (spares the primary)"),
                                new FieldOption("nearest", "nearest: the member with the lowest latency")))
                        .build(),
                WizardField.named("credentials.username", "Username", FieldType.TEXT)
                        .help("A database user allowed to read the collections and their change streams. Leave the "
                                + "username and password empty only for a server that needs no sign-in.")
                        .build(),
                WizardField.named("credentials.password", "Password", FieldType.SECRET)
                        .help("Kept encrypted until the pipe is created, then forgotten.").build(),
                WizardField.named(TLS, "TLS", FieldType.SELECT).required()
                        .options(List.of(
                                new FieldOption(TLS_VERIFY, "TLS, verifying the server's certificate"),
                                new FieldOption(TLS_NO_VERIFY, "TLS without verifying the certificate "
                                        + "(skipCertVerification; not for production)"),
                                new FieldOption(TLS_OFF, "No TLS (disableTls)")))
                        .build(),
                WizardField.named("tlsHost", "TLS host name", FieldType.TEXT)
                        .shownWhen(TLS, TLS_VERIFY, TLS_NO_VERIFY).placeholder("cluster0.example.mongodb.net")
                        .help("Only when the server's certificate names another host than the URI (e.g. through a "
                                + "private endpoint).")
                        .build(),
                WizardField.named("caCertificate", "CA certificate", FieldType.TEXTAREA)
                        .shownWhen(TLS, TLS_VERIFY).placeholder("-----BEGIN CERTIFICATE-----")
                        .help("Only when the server's certificate is not signed by a public authority: the PEM "
                                + "encoded CA certificate that signed it.")
                        .build());
    }

    @Override
    public List<WizardField> dataFields(String type) {
        return List.of(
                WizardField.named("settings.replicationMode", "Replication", FieldType.SELECT).required()
                        .options(List.of(
                                new FieldOption("cdc", "Copy the collections, then every change (cdc)"),
                                new FieldOption("snapshot", "Copy the collections once (snapshot)"),
                                new FieldOption("cdc_only", "Changes from now on, without a first copy (cdc_only)")))
                        .build(),
                WizardField.named("settings.syncIntervalSeconds", "Sync interval (seconds)", FieldType.INTEGER)
                        .range(1, Integer.MAX_VALUE).shownWhen("settings.replicationMode", CDC_MODES)
                        .placeholder("60").help("How often changes are pulled. Empty: the default.").build(),
                WizardField.named("settings.pullBatchSize", "Pull batch size (rows)", FieldType.INTEGER)
                        .range(1, Integer.MAX_VALUE).shownWhen("settings.replicationMode", CDC_MODES)
                        .placeholder("100000").help("Changes pulled per batch. Empty: the default.").build(),
                WizardField.named("settings.snapshotNumRowsPerPartition", "Snapshot rows per partition",
                        FieldType.INTEGER).range(1000, Integer.MAX_VALUE)
                        .shownWhen("settings.replicationMode", SNAPSHOT_MODES).placeholder("100000")
                        .help("Documents per partition of the first copy, at least 1000. Empty: the default.")
                        .build(),
                WizardField.named("settings.snapshotNumberOfParallelTables", "Collections copied in parallel",
                        FieldType.INTEGER).range(1, Integer.MAX_VALUE)
                        .shownWhen("settings.replicationMode", SNAPSHOT_MODES).placeholder("1")
                        .help("During the first copy. Empty: the default.").build(),
                WizardField.named("settings.deleteOnMerge", "Hard deletes", FieldType.SELECT)
                        .options(onOff()).shownWhen("settings.replicationMode", CDC_MODES)
                        .help("On: a document deleted in MongoDB is deleted from ReplacingMergeTree tables as they "
                                + "merge, rather than kept marked as deleted. Empty: the default.")
                        .build(),
                WizardField.named("settings.useJsonNativeFormat", "Native JSON columns", FieldType.SELECT)
                        .options(onOff())
                        .help("On: documents are stored in ClickHouse's JSON type; off: as String. Empty: the "
                                + "default.")
                        .build());
    }

    @Override
    public List<WizardField> tableMappingFields(String type) {
        return List.of(
                WizardField.named("sourceDatabaseName", "Database", FieldType.TEXT).required()
                        .placeholder("mydb").help("The MongoDB database holding the collection.").build(),
                WizardField.named("sourceCollection", "Collection", FieldType.TEXT).required()
                        .placeholder("users").build(),
                WizardField.named("targetTable", "Target table", FieldType.TEXT).required()
                        .placeholder("mydb_users")
                        .help("The ClickHouse table it goes to, in the target database; created if it does not "
                                + "exist.")
                        .build(),
                WizardField.named("tableEngine", "Engine", FieldType.SELECT)
                        .options(ClickPipeMongoDBPipeTableMapping.TABLE_ENGINES.stream().map(FieldOption::of)
                                .toList())
                        .help("ReplacingMergeTree applies updates and deletes, MergeTree only appends, Null stores "
                                + "nothing (for materialized views). Empty: ClickPipes' default.")
                        .build());
    }

    @Override
    public Map<String, String> crossFieldErrors(int step, String type, WizardValues values) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (step != WizardStep.CONNECTION) {
            return errors;
        }
        String uri = values.get("uri");
        if (uri != null) {
            UriProblem problem = uriProblem(uri, values.get(TLS));
            if (problem != null) {
                errors.put(problem.field(), problem.message());
            }
        }
        boolean username = values.get("credentials.username") != null;
        boolean password = values.hasSecret("credentials.password");
        if (username && !password) {
            errors.put("credentials.password", "A password is needed with the username.");
        } else if (password && !username) {
            errors.put("credentials.username", "Type the username that goes with the password.");
        }
        String tlsHost = values.get("tlsHost");
        if (tlsHost != null && !isOn(values, TLS_OFF) && !HOSTNAME.matcher(tlsHost).matches()) {
            errors.put("tlsHost", "A host name only, like cluster0.example.mongodb.net: no scheme, port or path.");
        }
        String caCertificate = values.get("caCertificate");
        if (caCertificate != null && isOn(values, TLS_VERIFY) && !CERTIFICATE.matcher(caCertificate).find()) {
            errors.put("caCertificate", "Paste the PEM encoded certificate, from -----BEGIN CERTIFICATE----- to "
                    + "-----END CERTIFICATE-----.");
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
            String database = values.get(prefix + "sourceDatabaseName");
            String collection = values.get(prefix + "sourceCollection");
            String target = values.get(prefix + "targetTable");
            if (database != null && !DATABASE_NAME.matcher(database).matches()) {
                errors.put(prefix + "sourceDatabaseName", "A MongoDB database name is under 64 characters, "
                        + "without spaces or any of / \\ . \" $ * < > : | ?.");
            }
            if (collection != null) {
                String problem = collectionProblem(collection);
                if (problem != null) {
                    errors.put(prefix + "sourceCollection", problem);
                }
            }
            String targetProblem = TableMappingChecks.targetTableProblem(target);
            if (targetProblem != null) {
                errors.put(prefix + "targetTable", targetProblem);
            }
            targets.put(row, target);
            sources.put(row, database == null || collection == null ? null : database + "." + collection);
        }
        TableMappingChecks.onlyOnce(errors, rows, targets, "targetTable",
                earlier -> "Table " + earlier + " already goes to this table: each collection needs its own.");
        TableMappingChecks.onlyOnce(errors, rows, sources, "sourceCollection",
                earlier -> "Table " + earlier + " already replicates this collection.");
        return errors;
    }

    @Override
    public ClickPipePostSource source(String type, WizardValues values) {
        String tls = values.get(TLS);
        String username = values.get("credentials.username");
        ClickPipeMongoDBSource.Builder mongodb = ClickPipeMongoDBSource.builder()
                .uri(values.get("uri"))
                .readPreference(values.get("readPreference"))
                .settings(settings(values))
                .tableMappings(tableMappings(type, values));
        if (username != null) {
            mongodb.credentials(new PlainCredentials(username, values.secret("credentials.password")));
        }
        if (TLS_OFF.equals(tls)) {
            mongodb.disableTls(true);
        } else {
            if (TLS_NO_VERIFY.equals(tls)) {
                mongodb.skipCertVerification(true);
            } else {
                mongodb.caCertificate(values.get("caCertificate"));
            }
            mongodb.tlsHost(values.get("tlsHost"));
        }
        return ClickPipePostSource.mongodb(mongodb.build());
    }

    /** A connection string pasted with {@code user:password@}: both move to their fields, the URI keeps the rest. */
    @Override
    public void separateSecrets(int step, String type, Map<String, String> plain, Map<String, String> secrets) {
        String uri = step == WizardStep.CONNECTION ? plain.get("uri") : null;
        MongoUri parsed = uri == null ? null : MongoUri.parse(uri.strip());
        if (parsed == null || parsed.userInfo() == null) {
            return;
        }
        plain.put("uri", parsed.withoutUserInfo());
        String userInfo = parsed.userInfo();
        int colon = userInfo.indexOf(':');
        String username = percentDecoded(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String typedUsername = plain.get("credentials.username");
        if ((typedUsername == null || typedUsername.isBlank()) && !username.isBlank()) {
            plain.put("credentials.username", username);
        }
        String password = colon < 0 ? "" : percentDecoded(userInfo.substring(colon + 1));
        if (!password.isEmpty()) {
            secrets.putIfAbsent("credentials.password", password);
        }
    }

    /** The spec's schema discovery takes Kafka and Kinesis sources only. */
    @Override
    public ClickPipeSchemaDiscoverySource discoverySource(String type, WizardValues values) {
        return null;
    }

    @Override
    public Map<String, String> prefill(ClickPipe pipe) {
        Map<String, String> values = new LinkedHashMap<>();
        ClickPipeMongoDBSource mongodb = pipe.source() == null ? null : pipe.source().mongodb();
        if (mongodb == null) {
            return values;
        }
        String uri = mongodb.uri();
        MongoUri parsed = uri == null ? null : MongoUri.parse(uri);
        if (parsed != null && parsed.userInfo() != null) {
            // a URI with credentials in it (a pipe made elsewhere): the username moves to its field, the password
            // is never copied
            String userInfo = parsed.userInfo();
            int colon = userInfo.indexOf(':');
            put(values, "credentials.username", percentDecoded(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            uri = parsed.withoutUserInfo();
        }
        put(values, "uri", uri);
        put(values, "readPreference", mongodb.readPreference());
        if (mongodb.credentials() != null) {
            put(values, "credentials.username", mongodb.credentials().username());
        }
        if (Boolean.TRUE.equals(mongodb.disableTls())) {
            values.put(TLS, TLS_OFF);
        } else {
            values.put(TLS, Boolean.TRUE.equals(mongodb.skipCertVerification()) ? TLS_NO_VERIFY : TLS_VERIFY);
            put(values, "tlsHost", mongodb.tlsHost());
            if (!Boolean.TRUE.equals(mongodb.skipCertVerification())) {
                put(values, "caCertificate", mongodb.caCertificate());
            }
        }
        ClickPipeMongoDBPipeSettings settings = mongodb.settings();
        if (settings != null) {
            put(values, "settings.replicationMode", settings.replicationMode());
            put(values, "settings.syncIntervalSeconds", settings.syncIntervalSeconds());
            put(values, "settings.pullBatchSize", settings.pullBatchSize());
            put(values, "settings.snapshotNumRowsPerPartition", settings.snapshotNumRowsPerPartition());
            put(values, "settings.snapshotNumberOfParallelTables", settings.snapshotNumberOfParallelTables());
            put(values, "settings.deleteOnMerge", settings.deleteOnMerge());
            put(values, "settings.useJsonNativeFormat", settings.useJsonNativeFormat());
        }
        List<ClickPipeMongoDBPipeTableMapping> mappings = mongodb.tableMappings() == null ? List.of()
                : mongodb.tableMappings();
        for (int row = 0; row < mappings.size(); row++) {
            ClickPipeMongoDBPipeTableMapping mapping = mappings.get(row);
            String prefix = DatabaseDestination.PREFIX + "." + row + ".";
            put(values, prefix + "sourceDatabaseName", mapping.sourceDatabaseName());
            put(values, prefix + "sourceCollection", mapping.sourceCollection());
            put(values, prefix + "targetTable", mapping.targetTable());
            put(values, prefix + "tableEngine", mapping.tableEngine());
        }
        return values;
    }

    // ---- the request

    private static ClickPipeMongoDBPipeSettings settings(WizardValues values) {
        String mode = values.get("settings.replicationMode");
        boolean cdc = List.of(CDC_MODES).contains(mode);
        boolean snapshot = List.of(SNAPSHOT_MODES).contains(mode);
        ClickPipeMongoDBPipeSettings.Builder settings = ClickPipeMongoDBPipeSettings.builder().replicationMode(mode)
                .useJsonNativeFormat(bool(values.get("settings.useJsonNativeFormat")));
        if (cdc) {
            settings.syncIntervalSeconds(integer(values.get("settings.syncIntervalSeconds")))
                    .pullBatchSize(integer(values.get("settings.pullBatchSize")))
                    .deleteOnMerge(bool(values.get("settings.deleteOnMerge")));
        }
        if (snapshot) {
            settings.snapshotNumRowsPerPartition(integer(values.get("settings.snapshotNumRowsPerPartition")))
                    .snapshotNumberOfParallelTables(integer(values.get("settings.snapshotNumberOfParallelTables")));
        }
        return settings.build();
    }

    private List<ClickPipeMongoDBPipeTableMapping> tableMappings(String type, WizardValues values) {
        return DatabaseDestination.filledRows(tableMappingFields(type), values).stream().map(row -> {
            String prefix = DatabaseDestination.PREFIX + "." + row + ".";
            return new ClickPipeMongoDBPipeTableMapping(values.get(prefix + "sourceDatabaseName"),
                    values.get(prefix + "sourceCollection"), values.get(prefix + "targetTable"),
                    values.get(prefix + "tableEngine"));
        }).toList();
    }

    // ---- checks

    /** A problem of the URI: the field it is shown at ({@code uri}, or {@code tls} for a contradiction) and why. */
    record UriProblem(String field, String message) {
    }

    /** What is wrong with the URI (given the TLS choice), or null. */
    static UriProblem uriProblem(String uri, String tls) {
        MongoUri parsed = MongoUri.parse(uri);
        if (parsed == null) {
            return new UriProblem("uri", "A MongoDB URI starts with mongodb:// or mongodb+srv://, e.g. "
                    + "mongodb+srv://cluster0.example.mongodb.net.");
        }
        if (parsed.userInfo() != null) {
            return new UriProblem("uri", "The username and password go in their own fields: Next moves them there "
                    + "out of the URI (the part before @), so the password is kept encrypted and the URI, which is "
                    + "shown on the pipe's page, holds none.");
        }
        String[] hosts = parsed.hosts().split(",", -1);
        for (String host : hosts) {
            if (!HOST.matcher(host).matches()) {
                return new UriProblem("uri", host.isEmpty() ? "The URI has an empty host: "
                        + "mongodb://host:port[,host:port…][/database][?options]."
                        : "\"" + host + "\" is not a host or host:port.");
            }
        }
        if (parsed.srv() && (hosts.length > 1 || hosts[0].contains(":"))) {
            return new UriProblem("uri", "A mongodb+srv:// URI names one host without a port: the cluster's DNS "
                    + "name.");
        }
        Map<String, String> options = options(parsed.query());
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (option.getKey().contains("password") || option.getKey().equals("authmechanismproperties")
                    && option.getValue().toUpperCase(Locale.ROOT).contains("AWS_SESSION_TOKEN")) {
                return new UriProblem("uri", "The URI's " + option.getKey() + " option holds a secret, and the URI "
                        + "is shown on the pipe's page: leave it out.");
            }
        }
        String tlsOption = options.containsKey("tls") ? options.get("tls") : options.get("ssl");
        if ("false".equalsIgnoreCase(tlsOption) && tls != null && !TLS_OFF.equals(tls)) {
            return new UriProblem(TLS, "The URI says tls=false: choose No TLS, or take tls=false out of the URI.");
        }
        if ("true".equalsIgnoreCase(tlsOption) && TLS_OFF.equals(tls)) {
            return new UriProblem(TLS, "The URI says tls=true: choose TLS, or take tls=true out of the URI.");
        }
        return null;
    }

    /**
     * A URI taken apart: {@code mongodb[+srv]://[userInfo@]hosts[/path][?query]}; user info is whatever comes before
     * the last @ ahead of the options, so a password with an unencoded @ or / in it is still found.
     */
    record MongoUri(boolean srv, String userInfo, String hosts, String path, String query) {

        static MongoUri parse(String uri) {
            boolean srv;
            String rest;
            if (uri.startsWith("mongodb://")) {
                srv = false;
                rest = uri.substring("mongodb://".length());
            } else if (uri.startsWith("mongodb+srv://")) {
                srv = true;
                rest = uri.substring("mongodb+srv://".length());
            } else {
                return null;
            }
            int question = rest.indexOf('?');
            String query = question < 0 ? null : rest.substring(question + 1);
            String beforeQuery = question < 0 ? rest : rest.substring(0, question);
            int at = beforeQuery.lastIndexOf('@');
            String userInfo = at < 0 ? null : beforeQuery.substring(0, at);
            String address = at < 0 ? beforeQuery : beforeQuery.substring(at + 1);
            int slash = address.indexOf('/');
            return new MongoUri(srv, userInfo, slash < 0 ? address : address.substring(0, slash),
                    slash < 0 ? null : address.substring(slash), query);
        }

        /** The same URI without its user info. */
        String withoutUserInfo() {
            return (srv ? "mongodb+srv://" : "mongodb://") + hosts + (path == null ? "" : path)
                    + (query == null ? "" : "?" + query);
        }
    }

    /** The URI's options by lowercase name (MongoDB option names are case-insensitive). */
    private static Map<String, String> options(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query == null || query.isBlank()) {
            return options;
        }
        for (String pair : query.split("[&;]")) {
            int equals = pair.indexOf('=');
            String name = (equals < 0 ? pair : pair.substring(0, equals)).toLowerCase(Locale.ROOT);
            options.put(name, equals < 0 ? "" : percentDecoded(pair.substring(equals + 1)));
        }
        return options;
    }

    /** Collection names: not empty, no $ or NUL, and not in the system. namespace. */
    private static String collectionProblem(String collection) {
        if (collection.startsWith("system.")) {
            return "system. collections are MongoDB's own and cannot be replicated.";
        }
        if (collection.contains("$") || collection.indexOf('\u0000') >= 0) {
            return "A MongoDB collection name has no $ in it.";
        }
        return null;
    }

    private static boolean isOn(WizardValues values, String tls) {
        return tls.equals(values.get(TLS));
    }

    private static List<FieldOption> onOff() {
        return List.of(new FieldOption("true", "On"), new FieldOption("false", "Off"));
    }

    private static Integer integer(String text) {
        return text == null ? null : Integer.valueOf(text);
    }

    private static Boolean bool(String text) {
        return text == null ? null : Boolean.valueOf(text);
    }

    /** Percent-decoding as in a URI (a + stays a +, unlike in a form); malformed escapes are kept as typed. */
    static String percentDecoded(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    private static void put(Map<String, String> values, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            values.put(name, value.toString());
        }
    }
}
