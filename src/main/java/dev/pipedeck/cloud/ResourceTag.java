package dev.pipedeck.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A key-value tag on a resource (schema {@code ResourceTagsV1}).
 *
 * @param key Tag key.
 * @param value Tag value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResourceTag(String key, String value) {
}
