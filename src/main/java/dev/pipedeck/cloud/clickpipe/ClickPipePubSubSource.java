package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A Google Cloud Pub/Sub source (schemas {@code ClickPipePubSubSource} and {@code ClickPipePostPubSubSource});
 * {@code serviceAccountKey} is an object holding the base64 key file, and is required on create.
 *
 * @param format Format of messages in the Pub/Sub topic.
 * @param projectId GCP project ID that owns the Pub/Sub topic.
 * @param topic Pub/Sub topic name (not the fully-qualified path).
 * @param authentication Authentication method to use with GCP Pub/Sub.
 * @param seekType Starting position strategy for consuming the subscription.
 * @param seekTimestamp RFC 3339 / ISO 8601 timestamp to seek to.
 * @param filter Optional Pub/Sub subscription filter expression (CEL).
 * @param enableOrdering Whether to enable ordered delivery of messages (requires messages to be published with
 *     ordering keys).
 * @param ackDeadline Acknowledgement deadline for messages, in seconds.
 * @param serviceAccountKey Service account key file; secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePubSubSource(
        String format,
        String projectId,
        String topic,
        String authentication,
        String seekType,
        String seekTimestamp,
        String filter,
        Boolean enableOrdering,
        Integer ackDeadline,
        ServiceAccount serviceAccountKey) {

    /** Message formats, spelled as on the wire. */
    public static final List<String> FORMATS = List.of("JSONEachRow", "Avro", "Protobuf");
    /** Authentication methods. */
    public static final List<String> AUTHENTICATIONS = List.of("SERVICE_ACCOUNT");
    /** Where a new subscription starts. */
    public static final List<String> SEEK_TYPES = List.of("latest", "earliest", "timestamp");

    /** Starts an empty ClickPipePubSubSource; unset parts are left out of the JSON. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the values of this record, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.format = format;
        builder.projectId = projectId;
        builder.topic = topic;
        builder.authentication = authentication;
        builder.seekType = seekType;
        builder.seekTimestamp = seekTimestamp;
        builder.filter = filter;
        builder.enableOrdering = enableOrdering;
        builder.ackDeadline = ackDeadline;
        builder.serviceAccountKey = serviceAccountKey;
        return builder;
    }

    /** Builds a ClickPipePubSubSource part by part. */
    public static final class Builder {
        private String format;
        private String projectId;
        private String topic;
        private String authentication;
        private String seekType;
        private String seekTimestamp;
        private String filter;
        private Boolean enableOrdering;
        private Integer ackDeadline;
        private ServiceAccount serviceAccountKey;

        private Builder() {
        }

        public Builder format(String format) {
            this.format = format;
            return this;
        }

        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        public Builder authentication(String authentication) {
            this.authentication = authentication;
            return this;
        }

        public Builder seekType(String seekType) {
            this.seekType = seekType;
            return this;
        }

        public Builder seekTimestamp(String seekTimestamp) {
            this.seekTimestamp = seekTimestamp;
            return this;
        }

        public Builder filter(String filter) {
            this.filter = filter;
            return this;
        }

        public Builder enableOrdering(Boolean enableOrdering) {
            this.enableOrdering = enableOrdering;
            return this;
        }

        public Builder ackDeadline(Integer ackDeadline) {
            this.ackDeadline = ackDeadline;
            return this;
        }

        public Builder serviceAccountKey(ServiceAccount serviceAccountKey) {
            this.serviceAccountKey = serviceAccountKey;
            return this;
        }

        public ClickPipePubSubSource build() {
            return new ClickPipePubSubSource(
                    format, projectId, topic, authentication, seekType, seekTimestamp, filter, enableOrdering,
                    ackDeadline, serviceAccountKey);
        }
    }
}
