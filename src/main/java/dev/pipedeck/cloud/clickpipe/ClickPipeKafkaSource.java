package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A Kafka-compatible source (schemas {@code ClickPipeKafkaSource} and {@code ClickPipePostKafkaSource}).
 * The same record serves create bodies and responses; responses never carry {@code credentials}.
 *
 * @param type Type of the Kafka source.
 * @param format Format of the Kafka source.
 * @param brokers Brokers of the Kafka source.
 * @param topics Topics of the Kafka source.
 * @param consumerGroup Consumer group of the Kafka source.
 * @param authentication Authentication method of the Kafka source.
 * @param iamRole IAM role for the Kafka source.
 * @param offset Where the pipe starts reading.
 * @param schemaRegistry Schema registry holding the message schemas.
 * @param caCertificate PEM encoded CA certificates to validate the broker's certificate.
 * @param reversePrivateEndpointIds Reverse private endpoint UUIDs used for a secure private connection to the Kafka
 *     source.
 * @param exactlyOnce Enable exactly-once delivery.
 * @param credentials Credentials for Kafka source.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeKafkaSource(
        String type,
        String format,
        String brokers,
        String topics,
        String consumerGroup,
        String authentication,
        String iamRole,
        ClickPipeKafkaOffset offset,
        ClickPipeKafkaSchemaRegistry schemaRegistry,
        String caCertificate,
        List<String> reversePrivateEndpointIds,
        Boolean exactlyOnce,
        KafkaCredentials credentials) {

    /** Kafka flavours, spelled as on the wire. */
    public static final List<String> TYPES =
            List.of("kafka", "redpanda", "msk", "gcmk", "confluent", "warpstream", "azureeventhub", "dokafka");
    /** Message formats. */
    public static final List<String> FORMATS = List.of("JSONEachRow", "Avro", "AvroConfluent", "Protobuf");
    /** Authentication methods. */
    public static final List<String> AUTHENTICATIONS =
            List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "IAM_ROLE", "IAM_USER", "MUTUAL_TLS");

    /** Starts an empty ClickPipeKafkaSource; unset parts are left out of the JSON. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the values of this record, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.type = type;
        builder.format = format;
        builder.brokers = brokers;
        builder.topics = topics;
        builder.consumerGroup = consumerGroup;
        builder.authentication = authentication;
        builder.iamRole = iamRole;
        builder.offset = offset;
        builder.schemaRegistry = schemaRegistry;
        builder.caCertificate = caCertificate;
        builder.reversePrivateEndpointIds = reversePrivateEndpointIds;
        builder.exactlyOnce = exactlyOnce;
        builder.credentials = credentials;
        return builder;
    }

    /** Builds a ClickPipeKafkaSource part by part. */
    public static final class Builder {
        private String type;
        private String format;
        private String brokers;
        private String topics;
        private String consumerGroup;
        private String authentication;
        private String iamRole;
        private ClickPipeKafkaOffset offset;
        private ClickPipeKafkaSchemaRegistry schemaRegistry;
        private String caCertificate;
        private List<String> reversePrivateEndpointIds;
        private Boolean exactlyOnce;
        private KafkaCredentials credentials;

        private Builder() {
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder format(String format) {
            this.format = format;
            return this;
        }

        public Builder brokers(String brokers) {
            this.brokers = brokers;
            return this;
        }

        public Builder topics(String topics) {
            this.topics = topics;
            return this;
        }

        public Builder consumerGroup(String consumerGroup) {
            this.consumerGroup = consumerGroup;
            return this;
        }

        public Builder authentication(String authentication) {
            this.authentication = authentication;
            return this;
        }

        public Builder iamRole(String iamRole) {
            this.iamRole = iamRole;
            return this;
        }

        public Builder offset(ClickPipeKafkaOffset offset) {
            this.offset = offset;
            return this;
        }

        public Builder schemaRegistry(ClickPipeKafkaSchemaRegistry schemaRegistry) {
            this.schemaRegistry = schemaRegistry;
            return this;
        }

        public Builder caCertificate(String caCertificate) {
            this.caCertificate = caCertificate;
            return this;
        }

        public Builder reversePrivateEndpointIds(List<String> reversePrivateEndpointIds) {
            this.reversePrivateEndpointIds = reversePrivateEndpointIds;
            return this;
        }

        public Builder exactlyOnce(Boolean exactlyOnce) {
            this.exactlyOnce = exactlyOnce;
            return this;
        }

        public Builder credentials(KafkaCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public ClickPipeKafkaSource build() {
            return new ClickPipeKafkaSource(
                    type, format, brokers, topics, consumerGroup, authentication, iamRole, offset, schemaRegistry,
                    caCertificate, reversePrivateEndpointIds, exactlyOnce, credentials);
        }
    }
}
