package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Settings of a Postgres pipe that can change (schema {@code ClickPipePatchPostgresPipeSettings}).
 *
 * @param syncIntervalSeconds Interval in seconds to sync data from Postgres during CDC replication.
 * @param pullBatchSize Number of rows to pull in each batch during CDC replication.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePatchPostgresPipeSettings(Integer syncIntervalSeconds, Integer pullBatchSize) {
}
