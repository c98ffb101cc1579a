package dev.pipedeck.cloud;

import static dev.pipedeck.cloud.CloudTestServer.KEY_ID;
import static dev.pipedeck.cloud.CloudTestServer.KEY_SECRET;
import static dev.pipedeck.cloud.CloudTestServer.envelope;
import static dev.pipedeck.cloud.CloudTestServer.error;
import static dev.pipedeck.cloud.CloudTestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The client against a real local HTTP server: what it sends, what it reads, how it fails and repeats. */
class ClickHouseCloudClientTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
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

    @TestFactory
    Stream<DynamicTest> everyOperationSendsTheExpectedRequestAndReadsTheAnswer() {
        return ClientScenarios.all().stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> {
            try (CloudTestServer server = new CloudTestServer()) {
                server.enqueue(envelope(scenario.resultJson()));

                Object result = scenario.call().apply(client, server.connection).block(BLOCK);

                RecordedRequest request = server.take();
                assertThat(request.getMethod()).isEqualTo(scenario.method());
                assertThat(request.getTarget()).isEqualTo(scenario.path());
                assertThat(request.getHeaders().get("Authorization")).isEqualTo(expectedBasicAuth());
                assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
                if (scenario.requestJson() == null) {
                    assertThat(request.getBody() == null ? 0 : request.getBody().size()).isZero();
                } else {
                    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
                    JsonNode sent = JSON.readTree(request.getBody().utf8());
                    assertThat(sent).isEqualTo(JSON.readTree(scenario.requestJson()));
                }
                scenario.checkResult().accept(result);
            }
        }));
    }

    @Test
    void badRequestEnvelopeBecomesCodeMessageAndRequestId() {
        cloud.enqueue(error(400, "BAD_REQUEST: Invalid ClickPipe name: must not be empty"));

        CloudApiException failure = failureOf(client.clickPipeCreate(cloud.connection, CannedResults.SERVICE,
                ExampleBodies.kafkaFromReferencePage()).then(), CloudApiException.class);

        assertThat(failure.getClass()).isEqualTo(CloudApiException.class);
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.code()).isEqualTo("BAD_REQUEST");
        assertThat(failure.message()).isEqualTo("Invalid ClickPipe name: must not be empty");
        assertThat(failure.requestId()).isEqualTo(CannedResults.REQUEST_ID);
        assertThat(failure.getMessage()).contains("Invalid ClickPipe name", "HTTP 400", CannedResults.REQUEST_ID);
        assertThat(cloud.requestCount()).isEqualTo(1);
    }

    @Test
    void unauthorizedHasItsOwnType() {
        cloud.enqueue(error(401, "UNAUTHORIZED: Invalid API key"));

        CloudUnauthorizedException failure = failureOf(client.organizationGet(cloud.connection),
                CloudUnauthorizedException.class);

        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.code()).isEqualTo("UNAUTHORIZED");
        assertThat(failure.message()).isEqualTo("Invalid API key");
        assertThat(cloud.requestCount()).as("a rejected key is not retried").isEqualTo(1);
    }

    @Test
    void notFoundHasItsOwnType() {
        cloud.enqueue(error(404, "NOT_FOUND: ClickPipe " + CannedResults.PIPE + " not found"));

        CloudNotFoundException failure = failureOf(
                client.clickPipeGet(cloud.connection, CannedResults.SERVICE, CannedResults.PIPE),
                CloudNotFoundException.class);

        assertThat(failure.code()).isEqualTo("NOT_FOUND");
        assertThat(failure.message()).contains(CannedResults.PIPE);
        assertThat(failure.requestId()).isEqualTo(CannedResults.REQUEST_ID);
    }

    @Test
    void failedDependencyOnAnIdleServiceSaysTheServiceIsIdle() {
        cloud.enqueue(error(424, "FAILED_DEPENDENCY: Service " + CannedResults.SERVICE
                + " is not in a running state. Current state: idle"));

        ServiceIdleException failure = failureOf(client.clickPipeGetList(cloud.connection, CannedResults.SERVICE),
                ServiceIdleException.class);

        assertThat(failure.status()).isEqualTo(424);
        assertThat(failure.code()).isEqualTo("FAILED_DEPENDENCY");
        assertThat(failure.message()).as("ClickHouse Cloud's own words, without the code")
                .isEqualTo("Service " + CannedResults.SERVICE + " is not in a running state. Current state: idle");
        assertThat(failure.requestId()).isEqualTo(CannedResults.REQUEST_ID);
    }

    @Test
    void failedDependencyForAnotherReasonIsNotTakenForIdle() {
        cloud.enqueue(error(424, "FAILED_DEPENDENCY: Current state: stopped"));

        CloudApiException failure = failureOf(client.clickPipeGetList(cloud.connection, CannedResults.SERVICE),
                CloudApiException.class);

        assertThat(failure).isNotInstanceOf(ServiceIdleException.class);
        assertThat(failure.message()).isEqualTo("Current state: stopped");
    }

    @Test
    void rateLimitedCreateWaitsForTheResetThenSucceeds() {
        cloud.enqueue(new MockResponse.Builder(error(429, "TOO_MANY_REQUESTS: Rate limit exceeded"))
                .setHeader("X-RateLimit-Reset", "1").build());
        cloud.enqueue(envelope(CannedResults.KAFKA_PIPE));

        long started = System.nanoTime();
        ClickPipe created = client.clickPipeCreate(cloud.connection, CannedResults.SERVICE,
                ExampleBodies.kafkaFromReferencePage()).block(BLOCK);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(created.id()).isEqualTo(CannedResults.PIPE);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(cloud.requestCount()).isEqualTo(2);
        assertThat(cloud.take().getBody()).isEqualTo(cloud.take().getBody());
    }

    @Test
    void rateLimitLongerThanTheWaitBudgetIsNotWaitedOut() {
        cloud.enqueue(new MockResponse.Builder(error(429, "TOO_MANY_REQUESTS: Rate limit exceeded"))
                .setHeader("X-RateLimit-Reset", "120").build());
        cloud.enqueue(envelope("[]"));

        CloudRateLimitedException failure = failureOf(client.instanceGetList(cloud.connection),
                CloudRateLimitedException.class);

        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(failure.message()).isEqualTo("Rate limit exceeded (ClickHouse Cloud asks to wait 120 s)");
        assertThat(cloud.requestCount()).isEqualTo(1);
    }

    @Test
    void rateLimitIsRepeatedAtMostUpToTheTryLimit() {
        for (int i = 0; i < 4; i++) {
            cloud.enqueue(new MockResponse.Builder(error(429, "TOO_MANY_REQUESTS: slow down"))
                    .setHeader("X-RateLimit-Reset", "0").build());
        }

        failureOf(client.instanceGetList(cloud.connection), CloudRateLimitedException.class);

        assertThat(cloud.requestCount()).isEqualTo(3);
    }

    @Test
    void serverErrorsOnGetAreRetriedUntilSuccess() {
        cloud.enqueue(error(503, "SERVICE_UNAVAILABLE: try again"));
        cloud.enqueue(new MockResponse.Builder().code(502).body("bad gateway").build());
        cloud.enqueue(envelope("[" + CannedResults.KAFKA_PIPE + "]"));

        assertThat(client.clickPipeGetList(cloud.connection, CannedResults.SERVICE).block(BLOCK)).hasSize(1);
        assertThat(cloud.requestCount()).isEqualTo(3);
    }

    @Test
    void serverErrorsOnGetStopAfterThreeTries() {
        for (int i = 0; i < 4; i++) {
            cloud.enqueue(error(503, "SERVICE_UNAVAILABLE: down for maintenance"));
        }

        CloudApiException failure = failureOf(client.instanceGet(cloud.connection, CannedResults.SERVICE),
                CloudApiException.class);

        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure.message()).isEqualTo("down for maintenance");
        assertThat(cloud.requestCount()).isEqualTo(3);
    }

    @Test
    void serverErrorOnCreateIsNeverRepeated() {
        cloud.enqueue(error(500, "INTERNAL_SERVER_ERROR: something broke"));
        cloud.enqueue(envelope(CannedResults.KAFKA_PIPE));

        CloudApiException failure = failureOf(client.clickPipeCreate(cloud.connection, CannedResults.SERVICE,
                ExampleBodies.kafkaFromReferencePage()), CloudApiException.class);

        assertThat(failure.status()).isEqualTo(500);
        assertThat(cloud.requestCount()).as("the pipe may exist: a create is sent once").isEqualTo(1);
    }

    @TestFactory
    Stream<DynamicTest> serverErrorsAreRepeatedOnlyForGetAndTheSettingsPut() {
        return ClientScenarios.all().stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> {
            boolean repeatable = scenario.method().equals("GET") || scenario.operationId().equals(
                    "clickPipeSettingsUpdate");
            try (CloudTestServer server = new CloudTestServer()) {
                server.enqueue(error(503, "SERVICE_UNAVAILABLE: try again"));
                server.enqueue(envelope(scenario.resultJson()));

                if (repeatable) {
                    Object result = scenario.call().apply(client, server.connection).block(BLOCK);
                    scenario.checkResult().accept(result);
                    assertThat(server.requestCount()).isEqualTo(2);
                } else {
                    CloudApiException failure = failureOf(scenario.call().apply(client, server.connection),
                            CloudApiException.class);
                    assertThat(failure.status()).isEqualTo(503);
                    assertThat(server.requestCount()).isEqualTo(1);
                }
            }
        }));
    }

    @Test
    void droppedConnectionIsRetriedForGet() {
        cloud.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        cloud.enqueue(envelope(CannedResults.ORGANIZATION));

        Organization organization = client.organizationGet(cloud.connection).block(BLOCK);

        assertThat(organization.name()).isEqualTo("Acme Data");
    }

    @Test
    void droppedConnectionIsNotRetriedForCreate() {
        cloud.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        cloud.enqueue(envelope(CannedResults.KAFKA_PIPE));

        CloudUnavailableException failure = failureOf(client.clickPipeCreate(cloud.connection,
                CannedResults.SERVICE, ExampleBodies.kafkaFromReferencePage()), CloudUnavailableException.class);

        assertThat(failure.getMessage()).startsWith("ClickHouse Cloud could not be reached at ")
                .contains("the change may or may not have been made").doesNotContain("Exception");
        assertThat(failure).as("the request went out: its outcome is unknown")
                .isInstanceOf(CloudNoAnswerException.class);
        assertThat(cloud.requestCount()).isEqualTo(1);
    }

    @Test
    void refusedConnectionIsReportedAsUnavailable() {
        CloudConnection nobodyListens;
        try (CloudTestServer closed = new CloudTestServer()) {
            nobodyListens = closed.connection;
        }

        CloudUnavailableException failure = failureOf(client.instanceGetList(nobodyListens),
                CloudUnavailableException.class);

        assertThat(failure.getMessage()).startsWith("ClickHouse Cloud could not be reached at ")
                .endsWith(": the connection was refused").doesNotContain(KEY_SECRET).doesNotContain("Exception");
        assertThat(failure).as("nothing was sent: not an unknown outcome").isNotInstanceOf(CloudNoAnswerException.class);
    }

    @Test
    void hangingServerFailsWithinTheResponseTimeout() {
        ClickHouseCloudClient impatient = CloudTestServer.client(new CloudClientProperties(Duration.ofSeconds(2),
                Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofMillis(10), 3));
        cloud.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

        long started = System.nanoTime();
        CloudUnavailableException failure = failureOf(
                impatient.clickPipeGet(cloud.connection, CannedResults.SERVICE, CannedResults.PIPE),
                CloudUnavailableException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failure.getMessage()).isEqualTo("ClickHouse Cloud did not answer within 300 ms");
        assertThat(failure).as("sent, and no answer: the outcome is unknown").isInstanceOf(CloudNoAnswerException.class);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(2000));
        assertThat(cloud.requestCount()).as("a hang is not repeated").isEqualTo(1);
    }

    @Test
    void bodyThatStopsHalfwayFailsWithinTheResponseTimeout() {
        ClickHouseCloudClient impatient = CloudTestServer.client(new CloudClientProperties(Duration.ofSeconds(2),
                Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofMillis(10), 3));
        cloud.enqueue(new MockResponse.Builder(envelope("[" + CannedResults.KAFKA_PIPE + "]"))
                .onResponseBody(SocketEffect.Stall.INSTANCE).build());

        long started = System.nanoTime();
        CloudUnavailableException failure = failureOf(
                impatient.clickPipeGetList(cloud.connection, CannedResults.SERVICE), CloudUnavailableException.class);

        assertThat(failure.getMessage()).isEqualTo("ClickHouse Cloud did not answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2000));
        assertThat(cloud.requestCount()).isEqualTo(1);
    }

    @Test
    void servicesOfSeveralConnectionsAreAskedInParallelAndAnsweredInOrder() {
        CountDownLatch bothAsked = new CountDownLatch(2);
        cloud.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                bothAsked.countDown();
                if (!bothAsked.await(5, TimeUnit.SECONDS)) {
                    return error(500, "INTERNAL_SERVER_ERROR: the calls came one after the other");
                }
                String org = request.getUrl().pathSegments().get(2);
                return org.equals("org-forbidden")
                        ? error(401, "UNAUTHORIZED: key cannot read org-forbidden")
                        : envelope("[" + CannedResults.SERVICE_IDLE.replace("\"production\"", "\"" + org + "\"") + "]");
            }
        });
        String url = cloud.server.url("/").toString();
        CloudConnection first = new CloudConnection(url, "org-first", KEY_ID, KEY_SECRET);
        CloudConnection forbidden = new CloudConnection(url, "org-forbidden", KEY_ID, KEY_SECRET);

        List<ConnectionServices> answers = client.instanceGetListOfAll(List.of(first, forbidden)).block(BLOCK);

        assertThat(answers).extracting(ConnectionServices::connection).containsExactly(first, forbidden);
        assertThat(answers.get(0).succeeded()).isTrue();
        assertThat(answers.get(0).services()).extracting(Service::name).containsExactly("org-first");
        assertThat(answers.get(1).succeeded()).isFalse();
        assertThat(answers.get(1).error()).isInstanceOf(CloudUnauthorizedException.class);
        assertThat(answers.get(1).services()).isEmpty();
    }

    @Test
    void anUnreachableConnectionDoesNotSpoilTheOthers() {
        CloudConnection nobodyListens;
        try (CloudTestServer closed = new CloudTestServer()) {
            nobodyListens = closed.connection;
        }
        cloud.enqueue(envelope("[" + CannedResults.SERVICE_IDLE + "]"));

        List<ConnectionServices> answers = client.instanceGetListOfAll(List.of(nobodyListens, cloud.connection))
                .block(BLOCK);

        assertThat(answers.get(0).error()).isInstanceOf(CloudUnavailableException.class);
        assertThat(answers.get(1).services()).hasSize(1);
    }

    @Test
    void htmlErrorPageGivesStatusAndItsTitle() {
        cloud.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                .body("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                        + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>")
                .build());

        CloudApiException failure = failureOf(client.clickPipeDelete(cloud.connection, CannedResults.SERVICE,
                CannedResults.PIPE), CloudApiException.class);

        assertThat(failure.status()).isEqualTo(502);
        assertThat(failure.code()).isEqualTo("BAD_GATEWAY");
        assertThat(failure.message())
                .isEqualTo("ClickHouse Cloud, or a proxy in front of it, answered HTTP 502 with a page that is not the "
                        + "API's JSON: 502 Bad Gateway");
        assertThat(failure.requestId()).isNull();
    }

    @Test
    void plainTextErrorGivesItsFirstLine() {
        cloud.enqueue(new MockResponse.Builder().code(503).setHeader("Content-Type", "text/plain")
                .body("\nupstream connect error or disconnect/reset before headers\nreset reason: overflow").build());

        CloudApiException failure = failureOf(client.clickPipeCreate(cloud.connection, CannedResults.SERVICE,
                ExampleBodies.postgres()), CloudApiException.class);

        assertThat(failure.message()).isEqualTo("ClickHouse Cloud, or a proxy in front of it, answered HTTP 503 "
                + "with a page that is not the API's JSON: "
                + "upstream connect error or disconnect/reset before headers");
    }

    @Test
    void malformedJsonErrorIsReportedPlainly() {
        cloud.enqueue(json(400, "{\"status\":400,\"requestId\":\"abc\",\"error\":\"BAD_REQ"));

        CloudApiException failure = failureOf(client.clickPipeCreate(cloud.connection, CannedResults.SERVICE,
                ExampleBodies.mysql()), CloudApiException.class);

        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.message()).startsWith("ClickHouse Cloud answered HTTP 400 with malformed JSON, not the API's "
                + "JSON: ")
                .contains("\"error\":\"BAD_REQ").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void malformedJsonSuccessIsReportedPlainly() {
        cloud.enqueue(json(200, "{\"status\":200,\"result\":[{\"id\":"));

        CloudApiException failure = failureOf(client.clickPipeGetList(cloud.connection, CannedResults.SERVICE),
                CloudApiException.class);

        assertThat(failure.status()).isEqualTo(200);
        assertThat(failure.code()).isEqualTo("UNREADABLE_RESPONSE");
        assertThat(failure.message()).startsWith("ClickHouse Cloud answered HTTP 200 with malformed JSON, not the API's "
                + "JSON");
    }

    @Test
    void successWithoutTheExpectedResultIsReportedPlainly() {
        cloud.enqueue(envelope("\"not a pipe\""));

        CloudApiException failure = failureOf(
                client.clickPipeGet(cloud.connection, CannedResults.SERVICE, CannedResults.PIPE),
                CloudApiException.class);

        assertThat(failure.code()).isEqualTo("UNREADABLE_RESPONSE");
        assertThat(failure.requestId()).isEqualTo(CannedResults.REQUEST_ID);
    }

    @Test
    void secretsEchoedInAnErrorNeverReachTheMessage() {
        cloud.enqueue(error(400, "BAD_REQUEST: cannot authenticate my_user with password " + ExampleBodies.SECRET_PASSWORD
                + " (key " + KEY_SECRET + ")"));

        CloudApiException failure = failureOf(client.clickPipeCreate(cloud.connection, CannedResults.SERVICE,
                ExampleBodies.kafkaFromReferencePage()), CloudApiException.class);

        assertThat(failure.message()).as("everything under credentials is secret, the username too")
                .isEqualTo("cannot authenticate •••• with password •••• (key ••••)");
        assertThat(failure.toString()).doesNotContain(ExampleBodies.SECRET_PASSWORD, KEY_SECRET);
    }

    @Test
    void secretsInANonJsonErrorNeverReachTheMessage() {
        cloud.enqueue(new MockResponse.Builder().code(500).setHeader("Content-Type", "text/plain")
                .body("failed to connect with secret " + ExampleBodies.SECRET_KEY).build());

        CloudApiException failure = failureOf(client.clickPipeCreate(cloud.connection, CannedResults.SERVICE,
                ExampleBodies.s3()), CloudApiException.class);

        assertThat(failure.message()).contains("failed to connect with secret ••••")
                .doesNotContain(ExampleBodies.SECRET_KEY);
    }

    @Test
    void idsArePathEncoded() {
        cloud.enqueue(envelope(CannedResults.KAFKA_PIPE));

        client.clickPipeGet(cloud.connection, CannedResults.SERVICE, "a b/../c").block(BLOCK);

        assertThat(cloud.take().getTarget()).isEqualTo(ClientScenarios.PIPES_PATH + "/a%20b%2F..%2Fc");
    }

    private static String expectedBasicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((KEY_ID + ":" + KEY_SECRET)
                .getBytes(StandardCharsets.UTF_8));
    }

    static <T extends Throwable> T failureOf(reactor.core.publisher.Mono<?> call, Class<T> type) {
        T failure = catchThrowableOfType(type, () -> call.block(BLOCK));
        assertThat(failure).as("expected " + type.getSimpleName()).isNotNull();
        return failure;
    }

    @Test
    void blockingRethrowsTheCloudExceptionItself() {
        cloud.enqueue(error(404, "NOT_FOUND: no such service"));

        assertThatThrownBy(() -> client.instanceGet(cloud.connection, "missing").block(BLOCK))
                .isInstanceOf(CloudNotFoundException.class).hasMessageContaining("no such service");
    }
}
