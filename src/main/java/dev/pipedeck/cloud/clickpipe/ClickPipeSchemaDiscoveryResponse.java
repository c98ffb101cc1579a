package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * Schema inferred from sampled messages (schema {@code ClickPipeSchemaDiscoveryResponse}).
 *
 * @param fields Inferred schema fields with their ClickHouse data types.
 * @param meta Source-specific schema discovery metadata.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeSchemaDiscoveryResponse(List<ClickPipeSchemaDiscoveryField> fields, Map<String, String> meta) {
}
