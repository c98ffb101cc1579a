package dev.pipedeck.cloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.web.reactive.function.client.WebClient;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A real local HTTP server playing ClickHouse Cloud, and a client and connection pointed at it. */
final class CloudTestServer implements AutoCloseable {

    static final String KEY_ID = "6f1e2d3c-key-id";
    static final String KEY_SECRET = "4b1d-Secret-Of-The-Key-9f3a";

    final MockWebServer server = new MockWebServer();
    final CloudConnection connection;

    CloudTestServer() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connection = new CloudConnection(server.url("/").toString(), CannedResults.ORG, KEY_ID, KEY_SECRET);
    }

    /** Fast test settings: 2 s to answer, 10 ms first backoff, 5 s of rate-limit waiting, 3 tries. */
    static CloudClientProperties fastProperties() {
        return new CloudClientProperties(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofMillis(10), 3);
    }

    static ClickHouseCloudClient client(CloudClientProperties properties) {
        return new ClickHouseCloudClient(WebClient.builder(), properties);
    }

    /** A success envelope around {@code resultJson}, or without {@code result} when it is null. */
    static MockResponse envelope(String resultJson) {
        String body = "{\"status\":200,\"requestId\":\"" + CannedResults.REQUEST_ID + "\""
                + (resultJson == null ? "" : ",\"result\":" + resultJson) + "}";
        return json(200, body);
    }

    /** An error envelope as ClickHouse Cloud sends it. */
    static MockResponse error(int status, String error) {
        return json(status, "{\"status\":" + status + ",\"requestId\":\"" + CannedResults.REQUEST_ID
                + "\",\"error\":\"" + error + "\"}");
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
    }

    void enqueue(MockResponse response) {
        server.enqueue(response);
    }

    RecordedRequest take() {
        try {
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("the server received no request");
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    int requestCount() {
        return server.getRequestCount();
    }

    @Override
    public void close() {
        server.close();
    }
}
