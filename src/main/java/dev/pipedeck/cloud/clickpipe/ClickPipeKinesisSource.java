package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An Amazon Kinesis source (schemas {@code ClickPipeKinesisSource} and {@code ClickPipePostKinesisSource}).
 *
 * @param format Format of the Kinesis stream.
 * @param streamName Name of the Kinesis stream.
 * @param region AWS region of the Kinesis stream.
 * @param useEnhancedFanOut Use enhanced fan-out for the Kinesis stream.
 * @param iteratorType Type of iterator to use when reading from the Kinesis stream.
 * @param timestamp UNIX timestamp to start reading from the Kinesis stream.
 * @param authentication Authentication method to use with the Kinesis stream.
 * @param iamRole IAM role to use for authentication.
 * @param accessKey Access key for IAM_USER authentication; secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeKinesisSource(
        String format,
        String streamName,
        String region,
        Boolean useEnhancedFanOut,
        String iteratorType,
        Long timestamp,
        String authentication,
        String iamRole,
        AccessKey accessKey) {

    /** Record formats, spelled as on the wire. */
    public static final List<String> FORMATS = List.of("JSONEachRow", "Avro", "AvroConfluent");
    /** Iterator types. */
    public static final List<String> ITERATOR_TYPES = List.of("TRIM_HORIZON", "LATEST", "AT_TIMESTAMP");
    /** Authentication methods. */
    public static final List<String> AUTHENTICATIONS = List.of("IAM_ROLE", "IAM_USER");

    /** Starts an empty ClickPipeKinesisSource; unset parts are left out of the JSON. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the values of this record, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.format = format;
        builder.streamName = streamName;
        builder.region = region;
        builder.useEnhancedFanOut = useEnhancedFanOut;
        builder.iteratorType = iteratorType;
        builder.timestamp = timestamp;
        builder.authentication = authentication;
        builder.iamRole = iamRole;
        builder.accessKey = accessKey;
        return builder;
    }

    /** Builds a ClickPipeKinesisSource part by part. */
    public static final class Builder {
        private String format;
        private String streamName;
        private String region;
        private Boolean useEnhancedFanOut;
        private String iteratorType;
        private Long timestamp;
        private String authentication;
        private String iamRole;
        private AccessKey accessKey;

        private Builder() {
        }

        public Builder format(String format) {
            this.format = format;
            return this;
        }

        public Builder streamName(String streamName) {
            this.streamName = streamName;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder useEnhancedFanOut(Boolean useEnhancedFanOut) {
            this.useEnhancedFanOut = useEnhancedFanOut;
            return this;
        }

        public Builder iteratorType(String iteratorType) {
            this.iteratorType = iteratorType;
            return this;
        }

        public Builder timestamp(Long timestamp) {
            this.timestamp = timestamp;
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

        public Builder accessKey(AccessKey accessKey) {
            this.accessKey = accessKey;
            return this;
        }

        public ClickPipeKinesisSource build() {
            return new ClickPipeKinesisSource(
                    format, streamName, region, useEnhancedFanOut, iteratorType, timestamp, authentication, iamRole,
                    accessKey);
        }
    }
}
