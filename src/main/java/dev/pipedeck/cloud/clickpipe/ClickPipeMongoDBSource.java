package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A MongoDB CDC source (schemas {@code ClickPipeMongoDBSource} and {@code ClickPipeMutateMongoDBSource});
 * responses never carry {@code credentials}.
 *
 * @param uri MongoDB connection URI. Supports both standard URIs (mongodb://...) and SRV URIs (mongodb+srv://...).
 * @param readPreference MongoDB read preference for replica set reads.
 * @param tlsHost TLS/SSL host for secure connections.
 * @param disableTls Disable TLS for the MongoDB connection.
 * @param skipCertVerification Skip TLS certificate verification for the MongoDB connection.
 * @param caCertificate PEM encoded CA certificate to validate the MongoDB server certificate.
 * @param settings Advanced settings.
 * @param tableMappings List of collection mappings defining which MongoDB collections to replicate and how they map to
 *     ClickHouse tables.
 * @param credentials Credentials; secret, never returned by the API.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeMongoDBSource(
        String uri,
        String readPreference,
        String tlsHost,
        Boolean disableTls,
        Boolean skipCertVerification,
        String caCertificate,
        ClickPipeMongoDBPipeSettings settings,
        List<ClickPipeMongoDBPipeTableMapping> tableMappings,
        PlainCredentials credentials) {

    /** Read preferences, spelled as on the wire. */
    public static final List<String> READ_PREFERENCES =
            List.of("primary", "primaryPreferred", "secondary", "secondaryPreferred", "nearest");

    /** Starts an empty ClickPipeMongoDBSource; unset parts are left out of the JSON. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the values of this record, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.uri = uri;
        builder.readPreference = readPreference;
        builder.tlsHost = tlsHost;
        builder.disableTls = disableTls;
        builder.skipCertVerification = skipCertVerification;
        builder.caCertificate = caCertificate;
        builder.settings = settings;
        builder.tableMappings = tableMappings;
        builder.credentials = credentials;
        return builder;
    }

    /** Builds a ClickPipeMongoDBSource part by part. */
    public static final class Builder {
        private String uri;
        private String readPreference;
        private String tlsHost;
        private Boolean disableTls;
        private Boolean skipCertVerification;
        private String caCertificate;
        private ClickPipeMongoDBPipeSettings settings;
        private List<ClickPipeMongoDBPipeTableMapping> tableMappings;
        private PlainCredentials credentials;

        private Builder() {
        }

        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        public Builder readPreference(String readPreference) {
            this.readPreference = readPreference;
            return this;
        }

        public Builder tlsHost(String tlsHost) {
            this.tlsHost = tlsHost;
            return this;
        }

        public Builder disableTls(Boolean disableTls) {
            this.disableTls = disableTls;
            return this;
        }

        public Builder skipCertVerification(Boolean skipCertVerification) {
            this.skipCertVerification = skipCertVerification;
            return this;
        }

        public Builder caCertificate(String caCertificate) {
            this.caCertificate = caCertificate;
            return this;
        }

        public Builder settings(ClickPipeMongoDBPipeSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder tableMappings(List<ClickPipeMongoDBPipeTableMapping> tableMappings) {
            this.tableMappings = tableMappings;
            return this;
        }

        public Builder credentials(PlainCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public ClickPipeMongoDBSource build() {
            return new ClickPipeMongoDBSource(
                    uri, readPreference, tlsHost, disableTls, skipCertVerification, caCertificate, settings,
                    tableMappings, credentials);
        }
    }
}
