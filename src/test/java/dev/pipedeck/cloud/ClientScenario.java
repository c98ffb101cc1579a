package dev.pipedeck.cloud;

import java.util.function.BiFunction;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;

/**
 * One client call and what must go over the wire for it.
 *
 * @param name what the call does, for test names
 * @param operationId the spec's operationId the request must match
 * @param method expected HTTP method
 * @param path expected path, {@code /v1/...}
 * @param requestJson expected body, or null when none must be sent
 * @param resultJson {@code result} the test server answers with, or null for an envelope without one
 * @param call the client call
 * @param checkResult assertions on what the call returned (null when it completed empty)
 */
record ClientScenario(String name, String operationId, String method, String path, String requestJson,
        String resultJson, BiFunction<ClickHouseCloudClient, CloudConnection, Mono<?>> call,
        Consumer<Object> checkResult) {

    @Override
    public String toString() {
        return name;
    }
}
