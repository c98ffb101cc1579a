package dev.pipedeck.health;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.RawCloudResponse;

/** A scrape the upstream refused, as a {@link CloudProblem}: the envelope's error and requestId when it has them. */
final class ScrapeProblem {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScrapeProblem() {
    }

    static CloudProblem of(RawCloudResponse response) {
        String message = "ClickHouse Cloud answered the metrics scrape with an error";
        String requestId = null;
        try {
            JsonNode envelope = JSON.readTree(response.bodyText());
            if (envelope != null && envelope.path("error").isString()) {
                message = envelope.path("error").asString();
            }
            if (envelope != null && envelope.path("requestId").isString()) {
                requestId = envelope.path("requestId").asString();
            }
        } catch (RuntimeException notJson) {
            // keep the generic message: the body was not the API's envelope
        }
        return new CloudProblem(message, response.status(), null, requestId, false);
    }
}
