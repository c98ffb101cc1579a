package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Replication settings of a MySQL pipe (schema {@code ClickPipeMySQLPipeSettings}); {@code replicationMode} is required.
 *
 * @param syncIntervalSeconds Interval in seconds to sync data from MySQL during CDC replication.
 * @param pullBatchSize Number of rows to pull in each batch during CDC replication.
 * @param replicationMode Replication mode: "cdc" (change data capture with initial snapshot), "snapshot" (one-time
 *     snapshot only), or "cdc_only" (CDC without initial…
 * @param replicationMechanism MySQL replication mechanism: "GTID" (Global Transaction Identifier) or "FILE_POS"
 *     (binary log file and position).
 * @param useCompression Enable compression for the MySQL connection.
 * @param allowNullableColumns Preserve nullability from MySQL in the destination ClickHouse table.
 * @param initialLoadParallelism Number of parallel workers to use per table in the initial snapshot phase.
 * @param snapshotNumRowsPerPartition Number of rows per partition during the snapshot phase.
 * @param snapshotNumberOfParallelTables Number of tables to snapshot in parallel during the initial load phase.
 * @param deleteOnMerge Enable hard delete behavior in ReplacingMergeTree for MySQL DELETE operations.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeMySQLPipeSettings(
        Integer syncIntervalSeconds,
        Integer pullBatchSize,
        String replicationMode,
        String replicationMechanism,
        Boolean useCompression,
        Boolean allowNullableColumns,
        Integer initialLoadParallelism,
        Integer snapshotNumRowsPerPartition,
        Integer snapshotNumberOfParallelTables,
        Boolean deleteOnMerge) {

    /** Replication modes, spelled as on the wire. */
    public static final List<String> REPLICATION_MODES = List.of("cdc", "snapshot", "cdc_only");
    /** Replication mechanisms. */
    public static final List<String> REPLICATION_MECHANISMS = List.of("GTID", "FILE_POS");

    /** Settings with only the replication mode set. */
    public static ClickPipeMySQLPipeSettings ofReplicationMode(String replicationMode) {
        return builder().replicationMode(replicationMode).build();
    }

    /** Starts an empty ClickPipeMySQLPipeSettings; unset parts are left out of the JSON. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the values of this record, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.syncIntervalSeconds = syncIntervalSeconds;
        builder.pullBatchSize = pullBatchSize;
        builder.replicationMode = replicationMode;
        builder.replicationMechanism = replicationMechanism;
        builder.useCompression = useCompression;
        builder.allowNullableColumns = allowNullableColumns;
        builder.initialLoadParallelism = initialLoadParallelism;
        builder.snapshotNumRowsPerPartition = snapshotNumRowsPerPartition;
        builder.snapshotNumberOfParallelTables = snapshotNumberOfParallelTables;
        builder.deleteOnMerge = deleteOnMerge;
        return builder;
    }

    /** Builds a ClickPipeMySQLPipeSettings part by part. */
    public static final class Builder {
        private Integer syncIntervalSeconds;
        private Integer pullBatchSize;
        private String replicationMode;
        private String replicationMechanism;
        private Boolean useCompression;
        private Boolean allowNullableColumns;
        private Integer initialLoadParallelism;
        private Integer snapshotNumRowsPerPartition;
        private Integer snapshotNumberOfParallelTables;
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

        public Builder replicationMode(String replicationMode) {
            this.replicationMode = replicationMode;
            return this;
        }

        public Builder replicationMechanism(String replicationMechanism) {
            this.replicationMechanism = replicationMechanism;
            return this;
        }

        public Builder useCompression(Boolean useCompression) {
            this.useCompression = useCompression;
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

        public Builder deleteOnMerge(Boolean deleteOnMerge) {
            this.deleteOnMerge = deleteOnMerge;
            return this;
        }

        public ClickPipeMySQLPipeSettings build() {
            return new ClickPipeMySQLPipeSettings(
                    syncIntervalSeconds, pullBatchSize, replicationMode, replicationMechanism, useCompression,
                    allowNullableColumns, initialLoadParallelism, snapshotNumRowsPerPartition,
                    snapshotNumberOfParallelTables, deleteOnMerge);
        }
    }
}
