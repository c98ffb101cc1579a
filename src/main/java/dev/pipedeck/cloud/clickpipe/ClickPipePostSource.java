package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Source part of a create body (schema {@code ClickPipePostSource}); set exactly one kind.
 *
 * @param kafka The kafka source, or null for pipes of another kind.
 * @param objectStorage The objectStorage source, or null for pipes of another kind.
 * @param kinesis The kinesis source, or null for pipes of another kind.
 * @param pubsub The pubsub source, or null for pipes of another kind.
 * @param postgres The postgres source, or null for pipes of another kind.
 * @param mysql The mysql source, or null for pipes of another kind.
 * @param bigquery The bigquery source, or null for pipes of another kind.
 * @param mongodb The mongodb source, or null for pipes of another kind.
 * @param validateSamples Validate data samples received from data source.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePostSource(
        ClickPipeKafkaSource kafka,
        ClickPipeObjectStorageSource objectStorage,
        ClickPipeKinesisSource kinesis,
        ClickPipePubSubSource pubsub,
        ClickPipePostgresSource postgres,
        ClickPipeMySQLSource mysql,
        ClickPipeBigQuerySource bigquery,
        ClickPipeMongoDBSource mongodb,
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
        if (bigquery != null) {
            return "bigquery";
        }
        if (mongodb != null) {
            return "mongodb";
        }
        return null;
    }

    /** A create source of kind kafka. */
    public static ClickPipePostSource kafka(ClickPipeKafkaSource kafka) {
        return new ClickPipePostSource(kafka, null, null, null, null, null, null, null, null);
    }

    /** A create source of kind objectStorage. */
    public static ClickPipePostSource objectStorage(ClickPipeObjectStorageSource objectStorage) {
        return new ClickPipePostSource(null, objectStorage, null, null, null, null, null, null, null);
    }

    /** A create source of kind kinesis. */
    public static ClickPipePostSource kinesis(ClickPipeKinesisSource kinesis) {
        return new ClickPipePostSource(null, null, kinesis, null, null, null, null, null, null);
    }

    /** A create source of kind pubsub. */
    public static ClickPipePostSource pubsub(ClickPipePubSubSource pubsub) {
        return new ClickPipePostSource(null, null, null, pubsub, null, null, null, null, null);
    }

    /** A create source of kind postgres. */
    public static ClickPipePostSource postgres(ClickPipePostgresSource postgres) {
        return new ClickPipePostSource(null, null, null, null, postgres, null, null, null, null);
    }

    /** A create source of kind mysql. */
    public static ClickPipePostSource mysql(ClickPipeMySQLSource mysql) {
        return new ClickPipePostSource(null, null, null, null, null, mysql, null, null, null);
    }

    /** A create source of kind bigquery. */
    public static ClickPipePostSource bigquery(ClickPipeBigQuerySource bigquery) {
        return new ClickPipePostSource(null, null, null, null, null, null, bigquery, null, null);
    }

    /** A create source of kind mongodb. */
    public static ClickPipePostSource mongodb(ClickPipeMongoDBSource mongodb) {
        return new ClickPipePostSource(null, null, null, null, null, null, null, mongodb, null);
    }
}
