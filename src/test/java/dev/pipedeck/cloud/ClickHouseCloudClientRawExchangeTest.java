package dev.pipedeck.cloud;

import static dev.pipedeck.cloud.CloudTestServer.envelope;
import static dev.pipedeck.cloud.CloudTestServer.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** The pass-through for calls the typed methods do not model: bytes in, status and bytes out, untouched. */
class ClickHouseCloudClientRawExchangeTest {

    private static final Duration BLOCK = Duration.ofSeconds(15);

    private CloudTestServer cloud;
    private ClickHouseCloudClient client;

    @BeforeEach
    void start() {
        cloud = new CloudTestServer();
        client = CloudTestServer.client(CloudTestServer.fastProperties());
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void bodyGoesOutAndComesBackByteForByte() {
        byte[] body = "{ \"name\" : \"x\",\n  \"futureField\": [1, 2.50, null] }".getBytes(StandardCharsets.UTF_8);
        String answer = "{\"status\":200,\"requestId\":\"r\",\"result\":{\"odd\":  1.0e3 }}";
        cloud.enqueue(CloudTestServer.json(200, answer));

        RawCloudResponse response = client.exchangeRaw(cloud.connection, HttpMethod.POST,
                "/organizations/o/services/s/clickstack/dashboards", body).block(BLOCK);

        RecordedRequest request = cloud.take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/v1/organizations/o/services/s/clickstack/dashboards");
        assertThat(request.getHeaders().get("Authorization")).startsWith("Basic ");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("*/*");
        assertThat(request.getBody().toByteArray()).isEqualTo(body);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.bodyText()).isEqualTo(answer);
    }

    @Test
    void errorStatusesComeBackAsAnswersNotExceptions() {
        cloud.enqueue(error(404, "NOT_FOUND: nothing here"));

        RawCloudResponse response = client.exchangeRaw(cloud.connection, HttpMethod.GET, "/organizations/o/nothing",
                null).block(BLOCK);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.bodyText()).contains("NOT_FOUND: nothing here");
        assertThat(cloud.take().getBody()).satisfiesAnyOf(b -> assertThat(b).isNull(), b -> assertThat(b.size()).isZero());
    }

    @Test
    void nonGetIsSentExactlyOnceEvenAfterAServerError() {
        cloud.enqueue(error(503, "SERVICE_UNAVAILABLE: later"));
        cloud.enqueue(envelope("{}"));

        RawCloudResponse response = client.exchangeRaw(cloud.connection, HttpMethod.DELETE, "/organizations/o/x",
                null).block(BLOCK);

        assertThat(response.status()).isEqualTo(503);
        assertThat(cloud.requestCount()).isEqualTo(1);
    }

    @Test
    void nonGetIsSentExactlyOnceEvenWhenRateLimited() {
        cloud.enqueue(new MockResponse.Builder(error(429, "TOO_MANY_REQUESTS: wait"))
                .setHeader("X-RateLimit-Reset", "0").build());
        cloud.enqueue(envelope("{}"));

        RawCloudResponse response = client.exchangeRaw(cloud.connection, HttpMethod.PATCH, "/organizations/o/x",
                "{}".getBytes(StandardCharsets.UTF_8)).block(BLOCK);

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.rateLimitReset()).isEqualTo("0");
        assertThat(cloud.requestCount()).isEqualTo(1);
    }

    @Test
    void getIsRepeatedAfterServerErrors() {
        cloud.enqueue(error(502, "BAD_GATEWAY: later"));
        cloud.enqueue(envelope("{\"ok\":true}"));

        RawCloudResponse response = client.exchangeRaw(cloud.connection, HttpMethod.GET,
                "/organizations/o/prometheus?filtered_metrics=true", null).block(BLOCK);

        assertThat(response.status()).isEqualTo(200);
        assertThat(cloud.requestCount()).isEqualTo(2);
        assertThat(cloud.take().getTarget()).isEqualTo("/v1/organizations/o/prometheus?filtered_metrics=true");
    }

    @Test
    void largeAnswersAreReadWhole() {
        byte[] large = new byte[3 * 1024 * 1024];
        Arrays.fill(large, (byte) 'a');
        cloud.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain")
                .body(new String(large, StandardCharsets.US_ASCII)).build());

        RawCloudResponse response = client.exchangeRaw(cloud.connection, HttpMethod.GET, "/organizations/o/prometheus",
                null).block(BLOCK);

        assertThat(response.body()).hasSize(large.length);
        assertThat(response.toString()).contains("3145728 bytes").doesNotContain("aaaa");
    }

    @Test
    void pathsThatLeaveV1AreRefused() {
        for (String path : new String[] {"organizations/o", "/../admin", "/organizations/../../x", "/a/./b",
                "https://evil.example.com/x", "/a b", "/a\\b"}) {
            assertThatThrownBy(() -> client.exchangeRaw(cloud.connection, HttpMethod.GET, path, null).block(BLOCK))
                    .as(path).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(cloud.requestCount()).isZero();
    }
}
