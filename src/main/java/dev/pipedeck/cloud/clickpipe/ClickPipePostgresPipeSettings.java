package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Replication settings of a Postgres pipe (schema {@code ClickPipePostgresPipeSettings}).
 *
 * @param syncIntervalSeconds Interval in seconds to sync data from Postgres during CDC replication.
 * @param pullBatchSize Number of rows to pull in each batch during CDC replication.
 * @param publicationName PostgreSQL publication name to use for CDC replication.
 * @param replicationMode Replication mode: "cdc" (change data capture with initial snapshot), "snapshot" (one-time
 *     snapshot only), or "cdc_only" (CDC without initial…
 * @param replicationSlotName PostgreSQL replication slot name.
 * @param allowNullableColumns Preserve nullability from Postgres in the destination ClickHouse table.
 * @param initialLoadParallelism Number of parallel workers to use per table in the initial snapshot phase.
 * @param snapshotNumRowsPerPartition Number of rows per partition during the snapshot phase.
 * @param snapshotNumberOfParallelTables Number of tables to snapshot in parallel during the initial load phase.
 * @param enableFailoverSlots Enable failover support for the replication slot on PG17 and newer.
 * @param deleteOnMerge Enable hard delete behavior in ReplacingMergeTree for PostgreSQL DELETE operations.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePostgresPipeSettings(
        Integer syncIntervalSeconds,
        Integer pullBatchSize,
        String publicationName,
        String replicationMode,
        String replicationSlotName,
        Boolean allowNullableColumns,
        Integer initialLoadParallelism,
        Integer snapshotNumRowsPerPartition,
        Integer snapshotNumberOfParallelTables,
        Boolean enableFailoverSlots,
        Boolean deleteOnMerge) {

    /** Replication modes, spelled as on the wire. */
    public static final List<String> REPLICATION_MODES = List.of("cdc", "snapshot", "cdc_only");

    /** Settings with only the replication mode set. */
    public static ClickPipePostgresPipeSettings ofReplicationMode(String replicationMode) {
        return builder().replicationMode(replicationMode).build();
    }

    /** Starts an empty ClickPipePostgresPipeSettings; unset parts are left out of the JSON. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the values of this record, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.syncIntervalSeconds = syncIntervalSeconds;
        builder.pullBatchSize = pullBatchSize;
        builder.publicationName = publicationName;
        builder.replicationMode = replicationMode;
        builder.replicationSlotName = replicationSlotName;
        builder.allowNullableColumns = allowNullableColumns;
        builder.initialLoadParallelism = initialLoadParallelism;
        builder.snapshotNumRowsPerPartition = snapshotNumRowsPerPartition;
        builder.snapshotNumberOfParallelTables = snapshotNumberOfParallelTables;
        builder.enableFailoverSlots = enableFailoverSlots;
        builder.deleteOnMerge = deleteOnMerge;
        return builder;
    }

    /** Builds a ClickPipePostgresPipeSettings part by part. */
    public static final class Builder {
        private Integer syncIntervalSeconds;
        private Integer pullBatchSize;
        private String publicationName;
        private String replicationMode;
        private String replicationSlotName;
        private Boolean allowNullableColumns;
        private Integer initialLoadParallelism;
        private Integer snapshotNumRowsPerPartition;
        private Integer snapshotNumberOfParallelTables;
        private Boolean enableFailoverSlots;
        private Boolean deleteOnMerge;

        private Builder() {
        }

        public Builder syncIntervalSeconds(Integer syncIntervalSeconds) {
            this.syncIntervalSeconds = syncIntervalSeconds;
            return this;
        }

        public Builder pullBatchSize(Integer pullBatchSize) {
            this.pullBatchSize = pullBatchSize;
            return this;
        }

        public Builder publicationName(String publicationName) {
            this.publicationName = publicationName;
            return this;
        }

        public Builder replicationMode(String replicationMode) {
            this.replicationMode = replicationMode;
            return this;
        }

        public Builder replicationSlotName(String replicationSlotName) {
            this.replicationSlotName = replicationSlotName;
            return this;
        }

        public Builder allowNullableColumns(Boolean allowNullableColumns) {
            this.allowNullableColumns = allowNullableColumns;
            return this;
        }

        public Builder initialLoadParallelism(Integer initialLoadParallelism) {
            this.initialLoadParallelism = initialLoadParallelism;
            return this;
        }

        public Builder snapshotNumRowsPerPartition(Integer snapshotNumRowsPerPartition) {
            this.snapshotNumRowsPerPartition = snapshotNumRowsPerPartition;
            return this;
        }

        public Builder snapshotNumberOfParallelTables(Integer snapshotNumberOfParallelTables) {
            this.snapshotNumberOfParallelTables = snapshotNumberOfParallelTables;
            return this;
        }

        public Builder enableFailoverSlots(Boolean enableFailoverSlots) {
            this.enableFailoverSlots = enableFailoverSlots;
            return this;
        }

        public Builder deleteOnMerge(Boolean deleteOnMerge) {
            this.deleteOnMerge = deleteOnMerge;
            return this;
        }

        public ClickPipePostgresPipeSettings build() {
            return new ClickPipePostgresPipeSettings(
                    syncIntervalSeconds, pullBatchSize, publicationName, replicationMode, replicationSlotName,
                    allowNullableColumns, initialLoadParallelism, snapshotNumRowsPerPartition,
                    snapshotNumberOfParallelTables, enableFailoverSlots, deleteOnMerge);
        }
    }
}
