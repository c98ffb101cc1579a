package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Source part of a patch body (schema {@code ClickPipePatchSource}); BigQuery pipes cannot be patched.
 *
 * @param kafka The kafka source, or null for pipes of another kind.
 * @param objectStorage The objectStorage source, or null for pipes of another kind.
 * @param kinesis The kinesis source, or null for pipes of another kind.
 * @param pubsub The pubsub source, or null for pipes of another kind.
 * @param postgres The postgres source, or null for pipes of another kind.
 * @param mysql The mysql source, or null for pipes of another kind.
 * @param mongodb The mongodb source, or null for pipes of another kind.
 * @param validateSamples Validate data samples received from data source.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePatchSource(
        ClickPipePatchKafkaSource kafka,
        ClickPipePatchObjectStorageSource objectStorage,
        ClickPipePatchKinesisSource kinesis,
        ClickPipePatchPubSubSource pubsub,
        ClickPipePatchPostgresSource postgres,
        ClickPipePatchMySQLSource mysql,
        ClickPipePatchMongoDBSource mongodb,
        Boolean validateSamples) {

    /** Wire name of the source kind that is set ({@code kafka}, {@code objectStorage}, …), or null when none is. */
    @JsonIgnore
    public String kind() {
        if (kafka != null) {
            return "kafka";
        }
        if (objectStorage != null) {
            return "objectStorage";
        }
        if (kinesis != null) {
            return "kinesis";
        }
        if (pubsub != null) {
            return "pubsub";
        }
        if (postgres != null) {
            return "postgres";
        }
        if (mysql != null) {
            return "mysql";
        }
        if (mongodb != null) {
            return "mongodb";
        }
        return null;
    }
}
