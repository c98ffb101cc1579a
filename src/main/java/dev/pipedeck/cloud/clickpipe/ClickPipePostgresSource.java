package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A PostgreSQL CDC source (schemas {@code ClickPipePostgresSource} and {@code ClickPipeMutatePostgresSource});
 * responses never carry {@code credentials}.
 *
 * @param type Type of the Postgres source.
 * @param host PostgreSQL server hostname or IP address.
 * @param port PostgreSQL server port.
 * @param database PostgreSQL database name to replicate from.
 * @param authentication Authentication method for Postgres connection.
 * @param iamRole IAM role ARN for IAM authentication (required for IAM_ROLE authentication).
 * @param tlsHost TLS/SSL host for secure connections.
 * @param caCertificate PEM encoded CA certificate to validate the Postgres server certificate.
 * @param disableTls Disable TLS for the Postgres connection.
 * @param skipCertVerification Skip TLS certificate verification for the Postgres connection.
 * @param settings Advanced settings.
 * @param tableMappings List of table mappings defining which PostgreSQL tables to replicate and how they map to
 *     ClickHouse tables.
 * @param credentials Credentials; secret, never returned by the API.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePostgresSource(
        String type,
        String host,
        Integer port,
        String database,
        String authentication,
        String iamRole,
        String tlsHost,
        String caCertificate,
        Boolean disableTls,
        Boolean skipCertVerification,
        ClickPipePostgresPipeSettings settings,
        List<ClickPipePostgresPipeTableMapping> tableMappings,
        PlainCredentials credentials) {

    /** Postgres flavours, spelled as on the wire. */
    public static final List<String> TYPES = List.of("postgres", "supabase", "neon", "alloydb", "planetscale",
            "rdspostgres", "aurorapostgres", "cloudsqlpostgres", "azurepostgres", "crunchybridge", "tigerdata");
    /** Authentication methods. */
    public static final List<String> AUTHENTICATIONS = List.of("basic", "IAM_ROLE");

    /** Starts an empty ClickPipePostgresSource; unset parts are left out of the JSON. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the values of this record, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.type = type;
        builder.host = host;
        builder.port = port;
        builder.database = database;
        builder.authentication = authentication;
        builder.iamRole = iamRole;
        builder.tlsHost = tlsHost;
        builder.caCertificate = caCertificate;
        builder.disableTls = disableTls;
        builder.skipCertVerification = skipCertVerification;
        builder.settings = settings;
        builder.tableMappings = tableMappings;
        builder.credentials = credentials;
        return builder;
    }

    /** Builds a ClickPipePostgresSource part by part. */
    public static final class Builder {
        private String type;
        private String host;
        private Integer port;
        private String database;
        private String authentication;
        private String iamRole;
        private String tlsHost;
        private String caCertificate;
        private Boolean disableTls;
        private Boolean skipCertVerification;
        private ClickPipePostgresPipeSettings settings;
        private List<ClickPipePostgresPipeTableMapping> tableMappings;
        private PlainCredentials credentials;

        private Builder() {
        }

        public Builder type(String type) {
            this.type = type;
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

        public Builder authentication(String authentication) {
            this.authentication = authentication;
            return this;
        }

        public Builder iamRole(String iamRole) {
            this.iamRole = iamRole;
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

        public Builder settings(ClickPipePostgresPipeSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder tableMappings(List<ClickPipePostgresPipeTableMapping> tableMappings) {
            this.tableMappings = tableMappings;
            return this;
        }

        public Builder credentials(PlainCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public ClickPipePostgresSource build() {
            return new ClickPipePostgresSource(
                    type, host, port, database, authentication, iamRole, tlsHost, caCertificate, disableTls,
                    skipCertVerification, settings, tableMappings, credentials);
        }
    }
}
