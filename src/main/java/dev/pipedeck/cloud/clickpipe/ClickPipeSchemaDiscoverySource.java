package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Source to sample for schema discovery (schema {@code ClickPipeSchemaDiscoverySource}); Kafka or Kinesis.
 *
 * @param kafka A Kafka source to sample.
 * @param kinesis A Kinesis source to sample.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeSchemaDiscoverySource(ClickPipeKafkaSource kafka, ClickPipeKinesisSource kinesis) {
}
