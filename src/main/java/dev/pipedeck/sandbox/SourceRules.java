package dev.pipedeck.sandbox;

import static dev.pipedeck.sandbox.BodyField.Presence.NULLABLE;
import static dev.pipedeck.sandbox.BodyField.Presence.OPTIONAL;
import static dev.pipedeck.sandbox.BodyField.Presence.REQUIRED;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.pipedeck.cloud.clickpipe.ClickPipeBigQueryPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeBigQueryPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaOffset;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeKinesisSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeObjectStorageSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePubSubSource;

/**
 * What each kind of source must look like when a pipe is created (and, for Kafka and Kinesis, when its schema is
 * discovered): the spec's types, enums, ranges and required fields, plus the rules its descriptions state in words
 * (which authentication each Kafka type supports, which credentials each authentication needs, and so on).
 */
final class SourceRules {

    /** Authentication methods each Kafka type supports, as the spec's description of {@code authentication} lists. */
    static final Map<String, List<String>> KAFKA_AUTHENTICATIONS = Map.of(
            "kafka", List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "MUTUAL_TLS"),
            "msk", List.of("SCRAM-SHA-512", "IAM_ROLE", "IAM_USER", "MUTUAL_TLS"),
            "gcmk", List.of("PLAIN", "MUTUAL_TLS"),
            "confluent", List.of("PLAIN", "MUTUAL_TLS"),
            "warpstream", List.of("PLAIN"),
            "azureeventhub", List.of("PLAIN"),
            "redpanda", List.of("SCRAM-SHA-256", "SCRAM-SHA-512", "MUTUAL_TLS"),
            "dokafka", List.of("SCRAM-SHA-256", "MUTUAL_TLS"));

    private static final List<String> ACCESS_KEY_STORAGES = List.of("s3", "gcs", "dospaces", "cloudflarer2",
            "ovhobjectstorage");
    private static final List<String> MARIADB_TYPES = List.of("mariadb", "rdsmariadb");
    private static final Pattern HOSTNAME = Pattern.compile(
            "^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");
    private static final Pattern MINUTE_TIMESTAMP = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?Z?$");

    private SourceRules() {
    }

    /** Checks {@code source.<kind>} of a create body. */
    static void check(SourceKind kind, BodyField source) {
        switch (kind) {
            case KAFKA -> kafka(source);
            case OBJECT_STORAGE -> objectStorage(source);
            case KINESIS -> kinesis(source);
            case PUBSUB -> pubsub(source);
            case POSTGRES -> postgres(source);
            case MYSQL -> mysql(source);
            case BIGQUERY -> bigquery(source);
            case MONGODB -> mongodb(source);
        }
    }

    // ---- streaming sources ----

    static void kafka(BodyField kafka) {
        String type = kafka.field("type").oneOf(REQUIRED, ClickPipeKafkaSource.TYPES);
        String format = kafka.field("format").oneOf(REQUIRED, ClickPipeKafkaSource.FORMATS);
        kafka.field("brokers").string(REQUIRED);
        kafka.field("topics").string(REQUIRED);
        kafka.field("consumerGroup").string(NULLABLE);
        String authentication = kafka.field("authentication").oneOf(REQUIRED, ClickPipeKafkaSource.AUTHENTICATIONS);
        kafkaAuthentication(kafka, type, authentication, true);
        BodyField offset = kafka.field("offset");
        if (offset.object(NULLABLE)) {
            String strategy = offset.field("strategy").oneOf(REQUIRED, ClickPipeKafkaOffset.STRATEGIES);
            BodyField timestamp = offset.field("timestamp");
            if ("from_timestamp".equals(strategy)) {
                String value = timestamp.string(REQUIRED);
                if (!MINUTE_TIMESTAMP.matcher(value).matches()) {
                    throw timestamp.invalid("must be a UTC timestamp with minute precision, like 2025-01-01T00:00");
                }
            } else {
                timestamp.string(NULLABLE);
            }
        }
        BodyField registry = kafka.field("schemaRegistry");
        if (registry.object(NULLABLE)) {
            String url = registry.field("url").string(REQUIRED);
            if (!url.startsWith("https://")) {
                throw registry.field("url").invalid("must be an https:// URL");
            }
            String registryAuthentication = registry.field("authentication").oneOf(OPTIONAL, List.of("PLAIN"));
            registry.field("caCertificate").string(NULLABLE);
            BodyField credentials = registry.field("credentials");
            if (credentials.object(registryAuthentication == null ? OPTIONAL : REQUIRED)) {
                credentials.field("username").string(REQUIRED);
                credentials.field("password").string(REQUIRED);
            }
        } else if ("AvroConfluent".equals(format)) {
            throw registry.invalid("is required for the AvroConfluent format");
        }
        kafka.field("caCertificate").string(NULLABLE);
        kafka.field("reversePrivateEndpointIds").strings(OPTIONAL, true);
        kafka.field("exactlyOnce").bool(NULLABLE);
    }

    /**
     * The authentication of a Kafka source of {@code type}: whether the type supports it, and the role or the
     * credentials it needs. On a change the credentials may be left out to keep the current ones.
     */
    static void kafkaAuthentication(BodyField kafka, String type, String authentication, boolean credentialsRequired) {
        BodyField iamRole = kafka.field("iamRole");
        BodyField credentials = kafka.field("credentials");
        if (authentication == null) {
            iamRole.string(NULLABLE);
            kafkaCredentials(credentials, null, type);
            return;
        }
        List<String> supported = KAFKA_AUTHENTICATIONS.getOrDefault(type, List.of());
        if (!supported.contains(authentication)) {
            throw kafka.field("authentication").invalid("Kafka type " + type + " supports " + String.join(", ", supported)
                    + ", not " + authentication);
        }
        if ("IAM_ROLE".equals(authentication)) {
            iamRole.string(REQUIRED);
            credentials.mustBeAbsent("is not used with IAM_ROLE authentication; the pipe assumes iamRole");
            return;
        }
        iamRole.string(NULLABLE);
        if (credentials.object(credentialsRequired ? REQUIRED : OPTIONAL)) {
            kafkaCredentials(credentials, authentication, type);
        }
    }

    private static void kafkaCredentials(BodyField credentials, String authentication, String type) {
        if (!credentials.object(OPTIONAL)) {
            return;
        }
        if (authentication == null) {
            for (String name : List.of("username", "password", "accessKeyId", "secretKey", "connectionString",
                    "certificate", "privateKey")) {
                credentials.field(name).string(OPTIONAL);
            }
            return;
        }
        switch (authentication) {
            case "IAM_USER" -> {
                credentials.field("accessKeyId").string(REQUIRED);
                credentials.field("secretKey").string(REQUIRED);
            }
            case "MUTUAL_TLS" -> {
                credentials.field("certificate").string(REQUIRED);
                credentials.field("privateKey").string(REQUIRED);
            }
            default -> {
                if ("azureeventhub".equals(type)) {
                    credentials.field("connectionString").string(REQUIRED);
                } else {
                    credentials.field("username").string(REQUIRED);
                    credentials.field("password").string(REQUIRED);
                }
            }
        }
    }

    static void kinesis(BodyField kinesis) {
        kinesis.field("format").oneOf(REQUIRED, ClickPipeKinesisSource.FORMATS);
        kinesis.field("streamName").string(REQUIRED);
        kinesis.field("region").string(REQUIRED);
        kinesis.field("useEnhancedFanOut").bool(NULLABLE);
        String iterator = kinesis.field("iteratorType").oneOf(REQUIRED, ClickPipeKinesisSource.ITERATOR_TYPES);
        kinesis.field("timestamp").integer("AT_TIMESTAMP".equals(iterator) ? REQUIRED : NULLABLE, 0);
        String authentication = kinesis.field("authentication").oneOf(REQUIRED, ClickPipeKinesisSource.AUTHENTICATIONS);
        kinesisAuthentication(kinesis, authentication, true);
    }

    static void kinesisAuthentication(BodyField kinesis, String authentication, boolean accessKeyRequired) {
        kinesis.field("iamRole").string("IAM_ROLE".equals(authentication) ? REQUIRED : NULLABLE);
        BodyField accessKey = kinesis.field("accessKey");
        boolean needsKey = "IAM_USER".equals(authentication) && accessKeyRequired;
        if (accessKey.object(needsKey ? REQUIRED : NULLABLE)) {
            accessKey(accessKey);
        }
    }

    static void objectStorage(BodyField storage) {
        String type = storage.field("type").oneOf(REQUIRED, ClickPipeObjectStorageSource.TYPES);
        storage.field("format").oneOf(REQUIRED, ClickPipeObjectStorageSource.FORMATS);
        boolean azure = "azureblobstorage".equals(type);
        storage.field("url").string(azure ? OPTIONAL : REQUIRED);
        storage.field("azureContainerName").string(azure ? REQUIRED : NULLABLE);
        storage.field("path").string(NULLABLE);
        storage.field("delimiter").string(NULLABLE);
        storage.field("compression").oneOf(NULLABLE, ClickPipeObjectStorageSource.COMPRESSIONS);
        Boolean continuous = storage.field("isContinuous").bool(NULLABLE);
        String authentication = storage.field("authentication")
                .oneOf(NULLABLE, ClickPipeObjectStorageSource.AUTHENTICATIONS);
        objectStorageAuthentication(storage, type, authentication, true);
        BodyField queueUrl = storage.field("queueUrl");
        if (queueUrl.string(NULLABLE) != null) {
            if (!Boolean.TRUE.equals(continuous)) {
                throw queueUrl.invalid("only applies when isContinuous is true");
            }
            if (authentication == null) {
                throw queueUrl.invalid("needs an authentication; public buckets cannot send notifications");
            }
        }
        Boolean skipInitialLoad = storage.field("skipInitialLoad").bool(NULLABLE);
        if (Boolean.TRUE.equals(skipInitialLoad) && !queueUrl.isSet()) {
            throw storage.field("skipInitialLoad").invalid("only applies when queueUrl is provided");
        }
        BodyField startAfter = storage.field("startAfter");
        if (startAfter.string(NULLABLE) != null && Boolean.TRUE.equals(skipInitialLoad)) {
            throw startAfter.invalid("cannot be provided when skipInitialLoad is true");
        }
    }

    /** Which storage types take which authentication, and what each needs (null authentication: public). */
    static void objectStorageAuthentication(BodyField storage, String type, String authentication, boolean required) {
        BodyField iamRole = storage.field("iamRole");
        BodyField accessKey = storage.field("accessKey");
        BodyField serviceAccountKey = storage.field("serviceAccountKey");
        BodyField connectionString = storage.field("connectionString");
        iamRole.string(NULLABLE);
        connectionString.string(NULLABLE);
        serviceAccountKey.string(NULLABLE);
        if (accessKey.object(NULLABLE)) {
            accessKey(accessKey);
        }
        if (authentication == null) {
            return;
        }
        BodyField field = storage.field("authentication");
        switch (authentication) {
            case "IAM_ROLE" -> {
                if (type != null && !"s3".equals(type)) {
                    throw field.invalid("IAM_ROLE is for S3 only");
                }
                iamRole.string(REQUIRED);
            }
            case "IAM_USER" -> {
                if (type != null && !ACCESS_KEY_STORAGES.contains(type)) {
                    throw field.invalid("IAM_USER is not available for " + type);
                }
                if (required) {
                    accessKey.object(REQUIRED);
                }
            }
            case "SERVICE_ACCOUNT" -> {
                if (type != null && !"gcs".equals(type)) {
                    throw field.invalid("SERVICE_ACCOUNT is for GCS only");
                }
                if (required || serviceAccountKey.isSet()) {
                    base64(serviceAccountKey);
                }
            }
            case "CONNECTION_STRING" -> {
                if (type != null && !"azureblobstorage".equals(type)) {
                    throw field.invalid("CONNECTION_STRING is for Azure Blob Storage only");
                }
                if (required) {
                    connectionString.string(REQUIRED);
                }
            }
            default -> throw new IllegalStateException(authentication);
        }
    }

    static void pubsub(BodyField pubsub) {
        pubsub.field("format").oneOf(REQUIRED, ClickPipePubSubSource.FORMATS);
        pubsub.field("projectId").string(REQUIRED);
        pubsub.field("topic").string(REQUIRED);
        pubsub.field("authentication").oneOf(REQUIRED, ClickPipePubSubSource.AUTHENTICATIONS);
        String seekType = pubsub.field("seekType").oneOf(REQUIRED, ClickPipePubSubSource.SEEK_TYPES);
        BodyField seekTimestamp = pubsub.field("seekTimestamp");
        if ("timestamp".equals(seekType)) {
            String value = seekTimestamp.string(REQUIRED);
            try {
                OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                throw seekTimestamp.invalid("must be an RFC 3339 timestamp, like 2025-03-01T12:00:00Z");
            }
        } else {
            seekTimestamp.mustBeAbsent("must be omitted unless seekType is timestamp");
        }
        BodyField filter = pubsub.field("filter");
        String expression = filter.string(NULLABLE);
        if (expression != null && expression.length() > 256) {
            throw filter.invalid("must be at most 256 characters");
        }
        pubsub.field("enableOrdering").bool(NULLABLE);
        pubsub.field("ackDeadline").integer(NULLABLE, 10, 600);
        serviceAccount(pubsub.field("serviceAccountKey"), REQUIRED);
    }

    // ---- database sources ----

    static void postgres(BodyField postgres) {
        postgres.field("type").oneOf(NULLABLE, ClickPipePostgresSource.TYPES);
        hostname(postgres.field("host"), REQUIRED);
        postgres.field("port").integer(REQUIRED, 1, 65535);
        postgres.field("database").string(REQUIRED);
        databaseConnection(postgres, postgres.field("authentication").oneOf(OPTIONAL,
                ClickPipePostgresSource.AUTHENTICATIONS));
        BodyField settings = postgres.field("settings");
        if (settings.object(OPTIONAL)) {
            settings.field("syncIntervalSeconds").integer(OPTIONAL, 1);
            settings.field("pullBatchSize").integer(OPTIONAL, 1);
            settings.field("publicationName").string(OPTIONAL);
            String mode = settings.field("replicationMode").oneOf(OPTIONAL, ClickPipePostgresPipeSettings.REPLICATION_MODES);
            BodyField slot = settings.field("replicationSlotName");
            if (slot.string(OPTIONAL) != null && !"cdc_only".equals(mode)) {
                throw slot.invalid("is only valid for the cdc_only replication mode");
            }
            Boolean failoverSlots = settings.field("enableFailoverSlots").bool(OPTIONAL);
            if (Boolean.TRUE.equals(failoverSlots) && slot.isSet()) {
                throw settings.field("enableFailoverSlots").invalid("only applies when ClickPipes creates the slot "
                        + "(replicationSlotName not given)");
            }
            settings.field("allowNullableColumns").bool(OPTIONAL);
            settings.field("initialLoadParallelism").integer(OPTIONAL, 1);
            settings.field("snapshotNumRowsPerPartition").integer(OPTIONAL, 1000);
            settings.field("snapshotNumberOfParallelTables").integer(OPTIONAL, 1);
            settings.field("deleteOnMerge").bool(OPTIONAL);
        }
        tableMappings(postgres.field("tableMappings"), SourceRules::postgresMapping);
    }

    static TableKey postgresMapping(BodyField mapping) {
        TableKey key = new TableKey(mapping.field("sourceSchemaName").string(REQUIRED),
                mapping.field("sourceTable").string(REQUIRED), mapping.field("targetTable").string(REQUIRED));
        sortingAndExclusions(mapping, true);
        mapping.field("tableEngine").oneOf(OPTIONAL, ClickPipePostgresPipeTableMapping.TABLE_ENGINES);
        mapping.field("partitionKey").string(OPTIONAL);
        mapping.field("partitionByExpr").string(OPTIONAL);
        return key;
    }

    static void mysql(BodyField mysql) {
        String type = mysql.field("type").oneOf(NULLABLE, ClickPipeMySQLSource.TYPES);
        hostname(mysql.field("host"), REQUIRED);
        mysql.field("port").integer(REQUIRED, 1, 65535);
        databaseConnection(mysql, mysql.field("authentication").oneOf(OPTIONAL, ClickPipeMySQLSource.AUTHENTICATIONS));
        mysql.field("serverId").integer(OPTIONAL, 1, 4_294_967_295L);
        BodyField settings = mysql.field("settings");
        settings.object(REQUIRED);
        settings.field("syncIntervalSeconds").integer(OPTIONAL, 1);
        settings.field("pullBatchSize").integer(OPTIONAL, 1);
        settings.field("replicationMode").oneOf(REQUIRED, ClickPipeMySQLPipeSettings.REPLICATION_MODES);
        BodyField mechanism = settings.field("replicationMechanism");
        String replicationMechanism = mechanism.oneOf(OPTIONAL, ClickPipeMySQLPipeSettings.REPLICATION_MECHANISMS);
        if ("FILE_POS".equals(replicationMechanism) && MARIADB_TYPES.contains(type)) {
            throw mechanism.invalid("MariaDB supports GTID only");
        }
        settings.field("useCompression").bool(OPTIONAL);
        settings.field("allowNullableColumns").bool(OPTIONAL);
        settings.field("initialLoadParallelism").integer(OPTIONAL, 1);
        settings.field("snapshotNumRowsPerPartition").integer(OPTIONAL, 1000);
        settings.field("snapshotNumberOfParallelTables").integer(OPTIONAL, 1);
        settings.field("deleteOnMerge").bool(OPTIONAL);
        tableMappings(mysql.field("tableMappings"), SourceRules::mysqlMapping);
    }

    static TableKey mysqlMapping(BodyField mapping) {
        TableKey key = new TableKey(mapping.field("sourceSchemaName").string(REQUIRED),
                mapping.field("sourceTable").string(REQUIRED), mapping.field("targetTable").string(REQUIRED));
        sortingAndExclusions(mapping, true);
        mapping.field("tableEngine").oneOf(OPTIONAL, ClickPipeMySQLPipeTableMapping.TABLE_ENGINES);
        mapping.field("partitionKey").string(OPTIONAL);
        return key;
    }

    static void mongodb(BodyField mongodb) {
        BodyField uri = mongodb.field("uri");
        mongoUri(uri, REQUIRED);
        mongodb.field("readPreference").oneOf(REQUIRED, ClickPipeMongoDBSource.READ_PREFERENCES);
        plainCredentials(mongodb.field("credentials"), OPTIONAL);
        mongodb.field("tlsHost").string(OPTIONAL);
        mongodb.field("disableTls").bool(OPTIONAL);
        mongodb.field("skipCertVerification").bool(OPTIONAL);
        mongodb.field("caCertificate").string(OPTIONAL);
        BodyField settings = mongodb.field("settings");
        settings.object(REQUIRED);
        settings.field("syncIntervalSeconds").integer(OPTIONAL, 1);
        settings.field("pullBatchSize").integer(OPTIONAL, 1);
        settings.field("replicationMode").oneOf(REQUIRED, ClickPipeMongoDBPipeSettings.REPLICATION_MODES);
        settings.field("snapshotNumRowsPerPartition").integer(OPTIONAL, 1000);
        settings.field("snapshotNumberOfParallelTables").integer(OPTIONAL, 1);
        settings.field("deleteOnMerge").bool(OPTIONAL);
        settings.field("useJsonNativeFormat").bool(OPTIONAL);
        tableMappings(mongodb.field("tableMappings"), SourceRules::mongodbMapping);
    }

    static TableKey mongodbMapping(BodyField mapping) {
        TableKey key = new TableKey(mapping.field("sourceDatabaseName").string(REQUIRED),
                mapping.field("sourceCollection").string(REQUIRED), mapping.field("targetTable").string(REQUIRED));
        mapping.field("tableEngine").oneOf(OPTIONAL, ClickPipeMongoDBPipeTableMapping.TABLE_ENGINES);
        return key;
    }

    static void mongoUri(BodyField uri, BodyField.Presence presence) {
        String value = uri.string(presence);
        if (value != null && !value.startsWith("mongodb://") && !value.startsWith("mongodb+srv://")) {
            throw uri.invalid("must start with mongodb:// or mongodb+srv://");
        }
    }

    static void bigquery(BodyField bigquery) {
        BodyField staging = bigquery.field("snapshotStagingPath");
        if (!staging.string(REQUIRED).startsWith("gs://")) {
            throw staging.invalid("must be a GCS path, like gs://my-bucket/staging/");
        }
        BodyField settings = bigquery.field("settings");
        if (settings.object(OPTIONAL)) {
            settings.field("replicationMode").oneOf(OPTIONAL, ClickPipeBigQueryPipeSettings.REPLICATION_MODES);
            settings.field("allowNullableColumns").bool(OPTIONAL);
            settings.field("initialLoadParallelism").number(OPTIONAL);
            settings.field("snapshotNumRowsPerPartition").number(OPTIONAL);
            settings.field("snapshotNumberOfParallelTables").number(OPTIONAL);
        }
        tableMappings(bigquery.field("tableMappings"), SourceRules::bigqueryMapping);
        serviceAccount(bigquery.field("credentials"), REQUIRED);
    }

    static TableKey bigqueryMapping(BodyField mapping) {
        TableKey key = new TableKey(mapping.field("sourceDatasetName").string(REQUIRED),
                mapping.field("sourceTable").string(REQUIRED), mapping.field("targetTable").string(REQUIRED));
        sortingAndExclusions(mapping, false);
        mapping.field("tableEngine").oneOf(OPTIONAL, ClickPipeBigQueryPipeTableMapping.TABLE_ENGINES);
        return key;
    }

    /** The mapping rules of a database pipe's {@code tableMappings}, by kind. */
    static TableKey mapping(SourceKind kind, BodyField mapping) {
        return switch (kind) {
            case POSTGRES -> postgresMapping(mapping);
            case MYSQL -> mysqlMapping(mapping);
            case MONGODB -> mongodbMapping(mapping);
            case BIGQUERY -> bigqueryMapping(mapping);
            default -> throw new IllegalArgumentException(kind + " has no table mappings");
        };
    }

    // ---- shared parts ----

    /** The tables a database pipe replicates: at least one, each target table once. */
    private static void tableMappings(BodyField mappings, Function<BodyField, TableKey> rule) {
        List<BodyField> items = mappings.array(REQUIRED);
        if (items.isEmpty()) {
            throw mappings.invalid("must name at least one table");
        }
        Set<String> targets = new HashSet<>();
        for (BodyField item : items) {
            item.object(REQUIRED);
            TableKey key = rule.apply(item);
            if (!targets.add(key.targetTable())) {
                throw item.field("targetTable").invalid("\"" + key.targetTable() + "\" is the target of another mapping");
            }
        }
    }

    private static void sortingAndExclusions(BodyField mapping, boolean unique) {
        mapping.field("excludedColumns").strings(OPTIONAL, unique);
        Boolean custom = mapping.field("useCustomSortingKey").bool(OPTIONAL);
        List<String> keys = mapping.field("sortingKeys").strings(OPTIONAL, unique);
        if (Boolean.TRUE.equals(custom) && keys.isEmpty()) {
            throw mapping.field("sortingKeys").invalid("is required when useCustomSortingKey is true");
        }
    }

    /**
     * Credentials, IAM role and TLS of a Postgres or MySQL source. With IAM_ROLE the credentials may carry the
     * database user alone (IAM database authentication signs that user in with a token, not a password); the spec's
     * {@code PLAIN} schema requires neither part.
     */
    private static void databaseConnection(BodyField source, String authentication) {
        boolean iam = "IAM_ROLE".equals(authentication);
        source.field("iamRole").string(iam ? REQUIRED : OPTIONAL);
        BodyField credentials = source.field("credentials");
        if (!iam) {
            plainCredentials(credentials, REQUIRED);
        } else if (credentials.object(OPTIONAL)) {
            credentials.field("username").string(REQUIRED);
            credentials.field("password").string(OPTIONAL);
        }
        source.field("tlsHost").string(OPTIONAL);
        source.field("caCertificate").string(OPTIONAL);
        source.field("disableTls").bool(OPTIONAL);
        source.field("skipCertVerification").bool(OPTIONAL);
    }

    static void plainCredentials(BodyField credentials, BodyField.Presence presence) {
        if (credentials.object(presence)) {
            credentials.field("username").string(REQUIRED);
            credentials.field("password").string(REQUIRED);
        }
    }

    static void accessKey(BodyField accessKey) {
        accessKey.field("accessKeyId").string(REQUIRED);
        accessKey.field("secretKey").string(REQUIRED);
    }

    /** {@code {"serviceAccountFile": "<base64>"}}. */
    static void serviceAccount(BodyField serviceAccount, BodyField.Presence presence) {
        if (serviceAccount.object(presence)) {
            base64(serviceAccount.field("serviceAccountFile"));
        }
    }

    static void hostname(BodyField host, BodyField.Presence presence) {
        String value = host.string(presence);
        if (value != null && !HOSTNAME.matcher(value).matches()) {
            throw host.invalid("must be a host name or IPv4 address");
        }
    }

    private static void base64(BodyField field) {
        String value = field.string(REQUIRED);
        try {
            Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw field.invalid("must be base64-encoded");
        }
    }

    /** What identifies a table mapping: where it reads from and which table it writes. */
    record TableKey(String sourceNamespace, String sourceTable, String targetTable) {
    }
}
