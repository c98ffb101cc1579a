package dev.pipedeck.pipes;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.pipedeck.cloud.clickpipe.ClickPipeSource;

/**
 * Where a pipe reads from, as a person names it: the kind ("Kafka", "Postgres CDC") and the flavour the spec's
 * {@code type} enum spells for machines ({@code confluent} → "Confluent", {@code rdspostgres} → "Amazon RDS").
 * Never anything more of the source (hosts, users, secrets).
 *
 * @param kind the source kind, or null when the API sent none this version knows
 * @param type the {@code type} as on the wire, or null
 */
public record PipeSource(Kind kind, String type) {

    /** The source kinds of the spec's {@code ClickPipeSource}, with their labels and their types' labels. */
    public enum Kind {
        KAFKA("kafka", "Kafka", false, Map.of(
                "kafka", "",
                "confluent", "Confluent",
                "msk", "Amazon MSK",
                "azureeventhub", "Azure Event Hubs",
                "redpanda", "Redpanda",
                "warpstream", "WarpStream",
                "gcmk", "Google Managed Kafka",
                "dokafka", "DigitalOcean")),
        OBJECT_STORAGE("objectStorage", "Object storage", false, Map.of(
                "s3", "S3",
                "gcs", "Google Cloud Storage",
                "azureblobstorage", "Azure Blob Storage",
                "dospaces", "DigitalOcean Spaces",
                "cloudflarer2", "Cloudflare R2",
                "ovhobjectstorage", "OVHcloud Object Storage")),
        KINESIS("kinesis", "Kinesis", false, Map.of()),
        PUBSUB("pubsub", "Pub/Sub", false, Map.of()),
        POSTGRES("postgres", "Postgres CDC", true, Map.ofEntries(
                Map.entry("postgres", ""),
                Map.entry("supabase", "Supabase"),
                Map.entry("neon", "Neon"),
                Map.entry("alloydb", "AlloyDB"),
                Map.entry("planetscale", "PlanetScale"),
                Map.entry("rdspostgres", "Amazon RDS"),
                Map.entry("aurorapostgres", "Amazon Aurora"),
                Map.entry("cloudsqlpostgres", "Cloud SQL"),
                Map.entry("azurepostgres", "Azure"),
                Map.entry("crunchybridge", "Crunchy Bridge"),
                Map.entry("tigerdata", "Tiger Data"))),
        MYSQL("mysql", "MySQL CDC", true, Map.of(
                "mysql", "",
                "rdsmysql", "Amazon RDS",
                "auroramysql", "Amazon Aurora",
                "mariadb", "MariaDB",
                "rdsmariadb", "Amazon RDS for MariaDB")),
        MONGODB("mongodb", "MongoDB CDC", true, Map.of()),
        BIGQUERY("bigquery", "BigQuery", true, Map.of());

        private final String wireName;
        private final String label;
        private final boolean database;
        private final Map<String, String> typeLabels;

        Kind(String wireName, String label, boolean database, Map<String, String> typeLabels) {
            this.wireName = wireName;
            this.label = label;
            this.database = database;
            this.typeLabels = typeLabels;
        }

        /** The kind as the API spells it ({@code objectStorage}); also the filter's value. */
        public String wireName() {
            return wireName;
        }

        public String label() {
            return label;
        }

        /** Database pipes replicate tables into a database and scale with the service's CDC capacity. */
        public boolean database() {
            return database;
        }

        /** The kind spelled {@code wireName} (any case), or null. */
        public static Kind fromWireName(String wireName) {
            if (wireName == null) {
                return null;
            }
            for (Kind kind : values()) {
                if (kind.wireName.equalsIgnoreCase(wireName.strip())) {
                    return kind;
                }
            }
            return null;
        }

        /** The wire {@code type}s this kind knows a label for (for checks against the spec). */
        public List<String> knownTypes() {
            return typeLabels.keySet().stream().sorted().toList();
        }
    }

    static PipeSource of(ClickPipeSource source) {
        if (source == null) {
            return new PipeSource(null, null);
        }
        Kind kind = Kind.fromWireName(source.kind());
        if (kind == null) {
            return new PipeSource(null, null);
        }
        String type = switch (kind) {
            case KAFKA -> source.kafka().type();
            case OBJECT_STORAGE -> source.objectStorage().type();
            case POSTGRES -> source.postgres().type();
            case MYSQL -> source.mysql().type();
            default -> null;
        };
        return new PipeSource(kind, type == null || type.isBlank() ? null : type);
    }

    /**
     * "Kafka · Confluent", "S3", "Postgres CDC · Supabase", "Kinesis": object storage goes by its store alone; the
     * plain flavour ({@code kafka}, {@code postgres}, {@code mysql}) by the kind alone. A type this version does
     * not know is shown as sent, after the kind.
     */
    public String label() {
        if (kind == null) {
            return "Unknown source";
        }
        if (type == null) {
            return kind.label;
        }
        String typeLabel = kind.typeLabels.get(type.toLowerCase(Locale.ROOT));
        if (typeLabel == null) {
            return kind.label + " · " + type;
        }
        if (typeLabel.isEmpty()) {
            return kind.label;
        }
        return kind == Kind.OBJECT_STORAGE ? typeLabel : kind.label + " · " + typeLabel;
    }
}
