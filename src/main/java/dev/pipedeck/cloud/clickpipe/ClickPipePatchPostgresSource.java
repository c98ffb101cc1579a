package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Changes to a Postgres source (schema {@code ClickPipePatchPostgresSource}); table mappings change only
 * while the pipe is paused.
 *
 * @param credentials Credentials; secret, never returned by the API.
 * @param host PostgreSQL server hostname or IP address.
 * @param port PostgreSQL server port.
 * @param database PostgreSQL database name to replicate from.
 * @param tlsHost TLS/SSL host for secure connections.
 * @param caCertificate PEM encoded CA certificate to validate the Postgres server certificate.
 * @param disableTls Disable TLS for the Postgres connection.
 * @param skipCertVerification Skip TLS certificate verification for the Postgres connection.
 * @param settings Advanced settings.
 * @param tableMappingsToAdd Table mappings to add to the pipe.
 * @param tableMappingsToRemove Table mappings to remove from the pipe.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePatchPostgresSource(
        PlainCredentials credentials,
        String host,
        Integer port,
        String database,
        String tlsHost,
        String caCertificate,
        Boolean disableTls,
        Boolean skipCertVerification,
        ClickPipePatchPostgresPipeSettings settings,
        List<ClickPipePostgresPipeTableMapping> tableMappingsToAdd,
        List<ClickPipePostgresPipeTableMapping> tableMappingsToRemove) {

    /** Starts an empty ClickPipePatchPostgresSource; unset parts are left out of the JSON. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the values of this record, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.credentials = credentials;
        builder.host = host;
        builder.port = port;
        builder.database = database;
        builder.tlsHost = tlsHost;
        builder.caCertificate = caCertificate;
        builder.disableTls = disableTls;
        builder.skipCertVerification = skipCertVerification;
        builder.settings = settings;
        builder.tableMappingsToAdd = tableMappingsToAdd;
        builder.tableMappingsToRemove = tableMappingsToRemove;
        return builder;
    }

    /** Builds a ClickPipePatchPostgresSource part by part. */
    public static final class Builder {
        private PlainCredentials credentials;
        private String host;
        private Integer port;
        private String database;
        private String tlsHost;
        private String caCertificate;
        private Boolean disableTls;
        private Boolean skipCertVerification;
        private ClickPipePatchPostgresPipeSettings settings;
        private List<ClickPipePostgresPipeTableMapping> tableMappingsToAdd;
        private List<ClickPipePostgresPipeTableMapping> tableMappingsToRemove;

        private Builder() {
        }

        public Builder credentials(PlainCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(Integer port) {
            this.port = port;
            return this;
        }

        public Builder database(String database) {
            this.database = database;
            return this;
        }

        public Builder tlsHost(String tlsHost) {
            this.tlsHost = tlsHost;
            return this;
        }

        public Builder caCertificate(String caCertificate) {
            this.caCertificate = caCertificate;
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

        public Builder settings(ClickPipePatchPostgresPipeSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder tableMappingsToAdd(List<ClickPipePostgresPipeTableMapping> tableMappingsToAdd) {
            this.tableMappingsToAdd = tableMappingsToAdd;
            return this;
        }

        public Builder tableMappingsToRemove(List<ClickPipePostgresPipeTableMapping> tableMappingsToRemove) {
            this.tableMappingsToRemove = tableMappingsToRemove;
            return this;
        }

        public ClickPipePatchPostgresSource build() {
            return new ClickPipePatchPostgresSource(
                    credentials, host, port, database, tlsHost, caCertificate, disableTls, skipCertVerification,
                    settings, tableMappingsToAdd, tableMappingsToRemove);
        }
    }
}
