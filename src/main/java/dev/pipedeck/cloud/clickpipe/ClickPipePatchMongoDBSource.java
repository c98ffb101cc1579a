package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Changes to a MongoDB source (schema {@code ClickPipePatchMongoDBSource}); {@code uri} and
 * {@code readPreference} are required, and collection mappings change only while the pipe is paused.
 *
 * @param credentials Credentials; secret, never returned by the API.
 * @param uri MongoDB connection URI. Supports both standard URIs (mongodb://...) and SRV URIs (mongodb+srv://...).
 * @param readPreference MongoDB read preference for replica set reads.
 * @param tlsHost TLS/SSL host for secure connections.
 * @param disableTls Disable TLS for the MongoDB connection.
 * @param skipCertVerification Skip TLS certificate verification for the MongoDB connection.
 * @param caCertificate PEM encoded CA certificate to validate the MongoDB server certificate.
 * @param settings Advanced settings.
 * @param tableMappingsToAdd Collection mappings to add to the pipe.
 * @param tableMappingsToRemove Collection mappings to remove from the pipe.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePatchMongoDBSource(
        PlainCredentials credentials,
        String uri,
        String readPreference,
        String tlsHost,
        Boolean disableTls,
        Boolean skipCertVerification,
        String caCertificate,
        ClickPipePatchMongoDBPipeSettings settings,
        List<ClickPipeMongoDBPipeTableMapping> tableMappingsToAdd,
        List<ClickPipeMongoDBPipeTableMapping> tableMappingsToRemove) {

    /** Starts an empty ClickPipePatchMongoDBSource; unset parts are left out of the JSON. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the values of this record, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.credentials = credentials;
        builder.uri = uri;
        builder.readPreference = readPreference;
        builder.tlsHost = tlsHost;
        builder.disableTls = disableTls;
        builder.skipCertVerification = skipCertVerification;
        builder.caCertificate = caCertificate;
        builder.settings = settings;
        builder.tableMappingsToAdd = tableMappingsToAdd;
        builder.tableMappingsToRemove = tableMappingsToRemove;
        return builder;
    }

    /** Builds a ClickPipePatchMongoDBSource part by part. */
    public static final class Builder {
        private PlainCredentials credentials;
        private String uri;
        private String readPreference;
        private String tlsHost;
        private Boolean disableTls;
        private Boolean skipCertVerification;
        private String caCertificate;
        private ClickPipePatchMongoDBPipeSettings settings;
        private List<ClickPipeMongoDBPipeTableMapping> tableMappingsToAdd;
        private List<ClickPipeMongoDBPipeTableMapping> tableMappingsToRemove;

        private Builder() {
        }

        public Builder credentials(PlainCredentials credentials) {
            this.credentials = credentials;
            return this;
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

        public Builder settings(ClickPipePatchMongoDBPipeSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder tableMappingsToAdd(List<ClickPipeMongoDBPipeTableMapping> tableMappingsToAdd) {
            this.tableMappingsToAdd = tableMappingsToAdd;
            return this;
        }

        public Builder tableMappingsToRemove(List<ClickPipeMongoDBPipeTableMapping> tableMappingsToRemove) {
            this.tableMappingsToRemove = tableMappingsToRemove;
            return this;
        }

        public ClickPipePatchMongoDBSource build() {
            return new ClickPipePatchMongoDBSource(
                    credentials, uri, readPreference, tlsHost, disableTls, skipCertVerification, caCertificate,
                    settings, tableMappingsToAdd, tableMappingsToRemove);
        }
    }
}
