package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST .../clickpipes/schemaDiscovery} (schema {@code ClickPipeSchemaDiscoveryRequest}).
 *
 * @param source Where the data comes from; exactly one kind is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeSchemaDiscoveryRequest(ClickPipeSchemaDiscoverySource source) {

    /** Asks for the schema of the messages of a Kafka source. */
    public static ClickPipeSchemaDiscoveryRequest kafka(ClickPipeKafkaSource kafka) {
        return new ClickPipeSchemaDiscoveryRequest(new ClickPipeSchemaDiscoverySource(kafka, null));
    }

    /** Asks for the schema of the records of a Kinesis source. */
    public static ClickPipeSchemaDiscoveryRequest kinesis(ClickPipeKinesisSource kinesis) {
        return new ClickPipeSchemaDiscoveryRequest(new ClickPipeSchemaDiscoverySource(null, kinesis));
    }
}
