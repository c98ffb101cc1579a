package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A field inferred by schema discovery (schema {@code ClickPipeSchemaDiscoveryField}).
 *
 * @param name Name of the inferred field.
 * @param type Inferred ClickHouse data type of the field.
 * @param optional Whether the field is optional (nullable) in the source.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeSchemaDiscoveryField(String name, String type, Boolean optional) {
}
