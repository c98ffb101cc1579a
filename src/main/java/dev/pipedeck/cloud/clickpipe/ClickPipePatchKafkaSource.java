package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Changes to a Kafka source (schema {@code ClickPipePatchKafkaSource}).
 *
 * @param authentication Authentication method of the Kafka source.
 * @param iamRole IAM role for the Kafka source.
 * @param caCertificate PEM encoded CA certificates to validate the broker's certificate.
 * @param reversePrivateEndpointIds Reverse private endpoint UUIDs used for a secure private connection to the Kafka
 *     source.
 * @param credentials Credentials for Kafka source.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePatchKafkaSource(
        String authentication,
        String iamRole,
        String caCertificate,
        List<String> reversePrivateEndpointIds,
        KafkaCredentials credentials) {
}
