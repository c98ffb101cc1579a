package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Changes to a MySQL source (schema {@code ClickPipePatchMySQLSource}); {@code host} and {@code port} are
 * required, and table mappings change only while the pipe is paused.
 *
 * @param credentials Credentials; secret, never returned by the API.
 * @param host MySQL server hostname or IP address.
 * @param port MySQL server port.
 * @param authentication Authentication method for MySQL connection.
 * @param iamRole IAM role ARN for IAM authentication (required for IAM_ROLE authentication).
 * @param tlsHost TLS/SSL host for secure connections.
 * @param caCertificate PEM encoded CA certificate to validate the MySQL server certificate.
 * @param disableTls Disable TLS for the MySQL connection.
 * @param skipCertVerification Skip TLS certificate verification for the MySQL connection.
 * @param serverId Optional MySQL server_id the pipe declares itself as in the MySQL replication topology.
 * @param settings Advanced settings.
 * @param tableMappingsToAdd Table mappings to add to the pipe.
 * @param tableMappingsToRemove Table mappings to remove from the pipe.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePatchMySQLSource(
        PlainCredentials credentials,
        String host,
        Integer port,
        String authentication,
        String iamRole,
        String tlsHost,
        String caCertificate,
        Boolean disableTls,
        Boolean skipCertVerification,
        Long serverId,
        ClickPipePatchMySQLPipeSettings settings,
        List<ClickPipeMySQLPipeTableMapping> tableMappingsToAdd,
        List<ClickPipeMySQLPipeTableMapping> tableMappingsToRemove) {

    /** Starts an empty ClickPipePatchMySQLSource; unset parts are left out of the JSON. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the values of this record, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.credentials = credentials;
        builder.host = host;
        builder.port = port;
        builder.authentication = authentication;
        builder.iamRole = iamRole;
        builder.tlsHost = tlsHost;
        builder.caCertificate = caCertificate;
        builder.disableTls = disableTls;
        builder.skipCertVerification = skipCertVerification;
        builder.serverId = serverId;
        builder.settings = settings;
        builder.tableMappingsToAdd = tableMappingsToAdd;
        builder.tableMappingsToRemove = tableMappingsToRemove;
        return builder;
    }

    /** Builds a ClickPipePatchMySQLSource part by part. */
    public static final class Builder {
        private PlainCredentials credentials;
        private String host;
        private Integer port;
        private String authentication;
        private String iamRole;
        private String tlsHost;
        private String caCertificate;
        private Boolean disableTls;
        private Boolean skipCertVerification;
        private Long serverId;
        private ClickPipePatchMySQLPipeSettings settings;
        private List<ClickPipeMySQLPipeTableMapping> tableMappingsToAdd;
        private List<ClickPipeMySQLPipeTableMapping> tableMappingsToRemove;

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

        public Builder serverId(Long serverId) {
            this.serverId = serverId;
            return this;
        }

        public Builder settings(ClickPipePatchMySQLPipeSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder tableMappingsToAdd(List<ClickPipeMySQLPipeTableMapping> tableMappingsToAdd) {
            this.tableMappingsToAdd = tableMappingsToAdd;
            return this;
        }

        public Builder tableMappingsToRemove(List<ClickPipeMySQLPipeTableMapping> tableMappingsToRemove) {
            this.tableMappingsToRemove = tableMappingsToRemove;
            return this;
        }

        public ClickPipePatchMySQLSource build() {
            return new ClickPipePatchMySQLSource(
                    credentials, host, port, authentication, iamRole, tlsHost, caCertificate, disableTls,
                    skipCertVerification, serverId, settings, tableMappingsToAdd, tableMappingsToRemove);
        }
    }
}
