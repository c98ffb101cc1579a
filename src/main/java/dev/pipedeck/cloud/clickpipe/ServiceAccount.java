package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Base64 of a GCP service account JSON key file (schema {@code ServiceAccount}: Pub/Sub and BigQuery). Secret.
 *
 * @param serviceAccountFile Google Cloud service account JSON key file content, base64 encoded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceAccount(String serviceAccountFile) {

    /** Never prints secrets. */
    @Override
    public String toString() {
        return "ServiceAccount[" + "serviceAccountFile=" + (serviceAccountFile == null ? null : "••••") + "]";
    }
}
