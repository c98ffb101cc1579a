package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Replication settings of a MongoDB pipe (schema {@code ClickPipeMongoDBPipeSettings}); {@code replicationMode} is required.
 *
 * @param syncIntervalSeconds Interval in seconds to sync data from MongoDB during CDC replication.
 * @param pullBatchSize Number of rows to pull in each batch during CDC replication.
 * @param replicationMode Replication mode: "cdc" (change data capture with initial snapshot), "snapshot" (one-time
 *     snapshot only), or "cdc_only" (CDC without initial…
 * @param snapshotNumRowsPerPartition Number of rows per partition during the snapshot phase.
 * @param snapshotNumberOfParallelTables Number of collections to snapshot in parallel during the initial load phase.
 * @param deleteOnMerge Enable hard delete behavior in ReplacingMergeTree for MongoDB DELETE operations.
 * @param useJsonNativeFormat Store JSON values in native ClickHouse JSON format.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeMongoDBPipeSettings(
        Integer syncIntervalSeconds,
        Integer pullBatchSize,
        String replicationMode,
        Integer snapshotNumRowsPerPartition,
        Integer snapshotNumberOfParallelTables,
        Boolean deleteOnMerge,
        Boolean useJsonNativeFormat) {

    /** Replication modes, spelled as on the wire. */
    public static final List<String> REPLICATION_MODES = List.of("cdc", "snapshot", "cdc_only");

    /** Settings with only the replication mode set. */
    public static ClickPipeMongoDBPipeSettings ofReplicationMode(String replicationMode) {
        return builder().replicationMode(replicationMode).build();
    }

    /** Starts an empty ClickPipeMongoDBPipeSettings; unset parts are left out of the JSON. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the values of this record, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.syncIntervalSeconds = syncIntervalSeconds;
        builder.pullBatchSize = pullBatchSize;
        builder.replicationMode = replicationMode;
        builder.snapshotNumRowsPerPartition = snapshotNumRowsPerPartition;
        builder.snapshotNumberOfParallelTables = snapshotNumberOfParallelTables;
        builder.deleteOnMerge = deleteOnMerge;
        builder.useJsonNativeFormat = useJsonNativeFormat;
        return builder;
    }

    /** Builds a ClickPipeMongoDBPipeSettings part by part. */
    public static final class Builder {
        private Integer syncIntervalSeconds;
        private Integer pullBatchSize;
        private String replicationMode;
        private Integer snapshotNumRowsPerPartition;
        private Integer snapshotNumberOfParallelTables;
        private Boolean deleteOnMerge;
        private Boolean useJsonNativeFormat;

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

        public Builder useJsonNativeFormat(Boolean useJsonNativeFormat) {
            this.useJsonNativeFormat = useJsonNativeFormat;
            return this;
        }

        public ClickPipeMongoDBPipeSettings build() {
            return new ClickPipeMongoDBPipeSettings(
                    syncIntervalSeconds, pullBatchSize, replicationMode, snapshotNumRowsPerPartition,
                    snapshotNumberOfParallelTables, deleteOnMerge, useJsonNativeFormat);
        }
    }
}
