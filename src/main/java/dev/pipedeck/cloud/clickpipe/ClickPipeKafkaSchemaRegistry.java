package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Schema registry of a Kafka source (schemas {@code ClickPipeKafkaSchemaRegistry} and
 * {@code ClickPipeMutateKafkaSchemaRegistry}); responses never carry {@code credentials}.
 *
 * @param url Schema URL. HTTPS required.
 * @param authentication Authentication type of the schema registry.
 * @param caCertificate PEM encoded CA certificates to validate the schema registry's certificate.
 * @param credentials Credentials; secret, never returned by the API.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeKafkaSchemaRegistry(
        String url,
        String authentication,
        String caCertificate,
        PlainCredentials credentials) {
}
