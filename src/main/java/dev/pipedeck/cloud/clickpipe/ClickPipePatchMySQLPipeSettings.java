package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Settings of a MySQL pipe that can change (schema {@code ClickPipePatchMySQLPipeSettings}).
 *
 * @param syncIntervalSeconds Interval in seconds to sync data from MySQL during CDC replication.
 * @param pullBatchSize Number of rows to pull in each batch during CDC replication.
 * @param useCompression Enable compression for the MySQL connection.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePatchMySQLPipeSettings(
        Integer syncIntervalSeconds,
        Integer pullBatchSize,
        Boolean useCompression) {
}
