package dev.pipedeck.sandbox;

import java.util.List;

/** The source kinds of a ClickPipe, as the keys of {@code source} spell them. */
enum SourceKind {
    KAFKA("kafka", false),
    OBJECT_STORAGE("objectStorage", false),
    KINESIS("kinesis", false),
    PUBSUB("pubsub", false),
    POSTGRES("postgres", true),
    MYSQL("mysql", true),
    BIGQUERY("bigquery", true),
    MONGODB("mongodb", true);

    /** Every key of {@code source}, in the spec's order. */
    static final List<String> WIRE_NAMES = List.of("kafka", "objectStorage", "kinesis", "pubsub", "postgres", "mysql",
            "bigquery", "mongodb");

    private final String wireName;
    private final boolean database;

    SourceKind(String wireName, boolean database) {
        this.wireName = wireName;
        this.database = database;
    }

    String wireName() {
        return wireName;
    }

    /**
     * Database pipes (Postgres, MySQL, MongoDB, BigQuery) replicate tables: they take {@code destination.database}
     * and table mappings, share the service's CDC scaling, and stop as Pausing → Paused.
     */
    boolean isDatabase() {
        return database;
    }

    /** Only Postgres and MySQL pipes can be resynced. */
    boolean canResync() {
        return this == POSTGRES || this == MYSQL;
    }

    /** BigQuery pipes cannot be changed with PATCH. */
    boolean canPatch() {
        return this != BIGQUERY;
    }

    /** The table mapping field naming where a table comes from: schema, database or dataset. */
    String mappingNamespaceField() {
        return switch (this) {
            case POSTGRES, MYSQL -> "sourceSchemaName";
            case MONGODB -> "sourceDatabaseName";
            case BIGQUERY -> "sourceDatasetName";
            default -> throw new IllegalStateException(this + " has no table mappings");
        };
    }

    /** The table mapping field naming the source table (or collection). */
    String mappingTableField() {
        return this == MONGODB ? "sourceCollection" : "sourceTable";
    }

    static SourceKind fromWireName(String wireName) {
        for (SourceKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no source kind " + wireName);
    }
}
