package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Source of a ClickPipe as returned by the API (schema {@code ClickPipeSource}); exactly one kind is set.
 *
 * @param kafka The kafka source, or null for pipes of another kind.
 * @param objectStorage The objectStorage source, or null for pipes of another kind.
 * @param kinesis The kinesis source, or null for pipes of another kind.
 * @param pubsub The pubsub source, or null for pipes of another kind.
 * @param postgres The postgres source, or null for pipes of another kind.
 * @param mysql The mysql source, or null for pipes of another kind.
 * @param bigquery The bigquery source, or null for pipes of another kind.
 * @param mongodb The mongodb source, or null for pipes of another kind.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeSource(
        ClickPipeKafkaSource kafka,
        ClickPipeObjectStorageSource objectStorage,
        ClickPipeKinesisSource kinesis,
        ClickPipePubSubSource pubsub,
        ClickPipePostgresSource postgres,
        ClickPipeMySQLSource mysql,
        ClickPipeBigQuerySource bigquery,
        ClickPipeMongoDBSource mongodb) {

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
        if (bigquery != null) {
            return "bigquery";
        }
        if (mongodb != null) {
            return "mongodb";
        }
        return null;
    }
}
