package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A BigQuery snapshot source (schemas {@code ClickPipeBigQuerySource} and {@code ClickPipeMutateBigQuerySource});
 * responses never carry {@code credentials}.
 *
 * @param snapshotStagingPath GCS bucket path for staging snapshot data (e.g., gs://my-bucket/staging/).
 * @param settings Advanced settings.
 * @param tableMappings Table mappings for BigQuery pipe.
 * @param credentials Credentials; secret, never returned by the API.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeBigQuerySource(
        String snapshotStagingPath,
        ClickPipeBigQueryPipeSettings settings,
        List<ClickPipeBigQueryPipeTableMapping> tableMappings,
        ServiceAccount credentials) {
}
