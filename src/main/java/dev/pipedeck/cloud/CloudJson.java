package dev.pipedeck.cloud;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON dialect of the ClickHouse Cloud API: nulls left out of requests, unknown fields of answers ignored. Kept
 * apart from the application's mapper so its customizations never change what goes on the wire.
 */
final class CloudJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private CloudJson() {
    }
}
