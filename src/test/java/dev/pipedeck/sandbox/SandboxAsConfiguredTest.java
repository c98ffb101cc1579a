package dev.pipedeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.ServiceIdleException;
import dev.pipedeck.cloud.clickpipe.ClickPipe;

/**
 * The sandbox as configuration shapes it at start, on the real clock: a thousand generated pipes for benchmarks,
 * the staging service idle, a 503 burst, and the per-key budget enforced.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "pipedeck.sandbox.seed-pipes=1000",
    "pipedeck.sandbox.faults.staging-idle=true",
    "pipedeck.sandbox.faults.server-errors=1",
    "pipedeck.sandbox.rate-limit.enforced=true",
    "pipedeck.sandbox.rate-limit.requests=5",
    "pipedeck.sandbox.rate-limit.window=10s",
    "pipedeck.cloud.retry-backoff=20ms"})
class SandboxAsConfiguredTest {

    @LocalServerPort
    int port;

    @Autowired
    SandboxAccess access;

    @Autowired
    ClickHouseCloudClient client;

    @Autowired
    SandboxStats stats;

    @Test
    void configurationShapesTheSandboxAtStart() throws Exception {
        SandboxCredentials credentials = access.issueKey();
        CloudConnection connection = new CloudConnection("http://127.0.0.1:" + port + "/sandbox",
                credentials.organizationId(), credentials.keyId(), credentials.keySecret());

        List<ClickPipe> production = client.clickPipeGetList(connection, SandboxSeed.PRODUCTION_ID)
                .block(Duration.ofSeconds(30));
        assertThat(production).as("the configured 503 was retried; 1000 generated pipes besides the examples")
                .hasSize(1010);
        assertThat(production).extracting(ClickPipe::name).contains("bench-00001", "bench-01000");

        ServiceIdleException idle = catchThrowableOfType(ServiceIdleException.class,
                () -> client.clickPipeGetList(connection, SandboxSeed.STAGING_ID).block(Duration.ofSeconds(10)));
        assertThat(idle).as("staging starts idle").isNotNull();

        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 4; i++) {
            last = get(credentials, "/sandbox/v1/organizations/" + credentials.organizationId());
            statuses.add(last.statusCode());
        }
        assertThat(statuses).as("5 requests per 10 s: 2 were used above").containsExactly(200, 200, 200, 429);
        assertThat(last.headers().firstValue("X-RateLimit-Reset")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 10));
        assertThat(last.body()).contains("TOO_MANY_REQUESTS: Rate limit exceeded");
        assertThat(stats.peakRequestsPerKey(Duration.ofSeconds(10))).as("503, list, idle list, 4 more").isEqualTo(7);

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/sandbox/v1/organizations/" + access.organizationId()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("no key").isEqualTo(401);
        assertThat(anonymous.body()).startsWith("{\"status\":401,\"requestId\":\"")
                .contains("\"error\":\"UNAUTHORIZED: ");
    }

    private HttpResponse<String> get(SandboxCredentials credentials, String path) throws Exception {
        String basic = Base64.getEncoder().encodeToString((credentials.keyId() + ":" + credentials.keySecret())
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
    }
}
