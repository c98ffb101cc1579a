package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Credentials of a Kafka source: one of the spec's {@code PLAIN} (username and password, also for SCRAM),
 * {@code MskIamUser} (access key), {@code AzureEventHub} (connection string) or {@code MutualTLS} (certificate and key).
 * Build it with the factory that matches the authentication method. Secret.
 *
 * @param username Database username.
 * @param password Database password.
 * @param accessKeyId IAM access key ID.
 * @param secretKey IAM secret key.
 * @param connectionString Connection string for Azure EventHub source.
 * @param certificate PEM encoded client certificate for mTLS authentication.
 * @param privateKey PEM encoded client private key for mTLS authentication.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record KafkaCredentials(
        String username,
        String password,
        String accessKeyId,
        String secretKey,
        String connectionString,
        String certificate,
        String privateKey) {

    /** For PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512. */
    public static KafkaCredentials usernamePassword(String username, String password) {
        return new KafkaCredentials(username, password, null, null, null, null, null);
    }

    /** For IAM_USER (MSK). */
    public static KafkaCredentials accessKey(String accessKeyId, String secretKey) {
        return new KafkaCredentials(null, null, accessKeyId, secretKey, null, null, null);
    }

    /** For Azure Event Hubs. */
    public static KafkaCredentials azureEventHub(String connectionString) {
        return new KafkaCredentials(null, null, null, null, connectionString, null, null);
    }

    /** For MUTUAL_TLS: PEM client certificate and PEM private key. */
    public static KafkaCredentials mutualTls(String certificate, String privateKey) {
        return new KafkaCredentials(null, null, null, null, null, certificate, privateKey);
    }

    /** Never prints secrets. */
    @Override
    public String toString() {
        return "KafkaCredentials["
                + "username=" + username
                + ", password=" + (password == null ? null : "••••")
                + ", accessKeyId=" + accessKeyId
                + ", secretKey=" + (secretKey == null ? null : "••••")
                + ", connectionString=" + (connectionString == null ? null : "••••")
                + ", certificate=" + certificate
                + ", privateKey=" + (privateKey == null ? null : "••••")
                + "]";
    }
}
