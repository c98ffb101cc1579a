package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Changes to a Pub/Sub source (schema {@code ClickPipePatchPubSubSource}); authentication and key are required.
 *
 * @param authentication Authentication method to use with GCP Pub/Sub.
 * @param ackDeadline Acknowledgement deadline for messages, in seconds.
 * @param serviceAccountKey Service account key file; secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePatchPubSubSource(String authentication, Integer ackDeadline, ServiceAccount serviceAccountKey) {
}
