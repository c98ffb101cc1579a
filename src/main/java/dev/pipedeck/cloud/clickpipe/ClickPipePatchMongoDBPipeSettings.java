package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Settings of a MongoDB pipe that can change (schema {@code ClickPipePatchMongoDBPipeSettings}).
 *
 * @param syncIntervalSeconds Interval in seconds to sync data from MongoDB during CDC replication.
 * @param pullBatchSize Number of rows to pull in each batch during CDC replication.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePatchMongoDBPipeSettings(Integer syncIntervalSeconds, Integer pullBatchSize) {
}
