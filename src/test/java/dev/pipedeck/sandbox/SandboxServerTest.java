package dev.pipedeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.pipedeck.PipedeckApplication;
import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudApiException;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.RequestBudget;
import dev.pipedeck.testsupport.MutableClock;
import reactor.core.publisher.Mono;

/**
 * The whole application on a random port, with the sandbox behind {@code /sandbox} and the real
 * {@link ClickHouseCloudClient} talking to it over HTTP. Time is a {@link MutableClock}: transient states last
 * {@link #DELAY} and settle when a test moves the clock. Each test starts from a freshly reset sandbox and a new key.
 */
@SpringBootTest(classes = {PipedeckApplication.class, SandboxTestClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "pipedeck.sandbox.transition-delay=2s",
            "pipedeck.cloud.retry-backoff=20ms",
            "pipedeck.cloud.response-timeout=10s",
            "pipedeck.cloud.max-rate-limit-wait=5s",
            // The tests watch states change from read to read: no shared reads here.
            "pipedeck.cloud.read-cache-ttl=0s"})
abstract class SandboxServerTest {

    static final Duration DELAY = Duration.ofSeconds(2);
    static final String PRODUCTION = SandboxSeed.PRODUCTION_ID;
    static final String STAGING = SandboxSeed.STAGING_ID;

    @LocalServerPort
    int port;

    @Autowired
    SandboxAccess access;

    @Autowired
    ClickHouseCloudClient client;

    @Autowired
    SandboxCloud cloud;

    @Autowired
    SandboxFaults faults;

    @Autowired
    SandboxStats stats;

    @Autowired
    MutableClock clock;

    CloudConnection connection;

    @BeforeEach
    void freshSandbox() {
        faults.reset();
        cloud.reset();
        connection = connect(access.issueKey("sandbox test"));
    }

    CloudConnection connect(SandboxCredentials credentials) {
        return new CloudConnection("http://127.0.0.1:" + port + "/sandbox", credentials.organizationId(),
                credentials.keyId(), credentials.keySecret(), TEST_BUDGET);
    }

    /** The console's budget is tested elsewhere; here it must not slow the client down. */
    static final RequestBudget TEST_BUDGET = new RequestBudget(1000, Duration.ofSeconds(1));

    <T> T call(Mono<T> mono) {
        return mono.block(Duration.ofSeconds(30));
    }

    /** The error a call ends with; fails the test when it succeeds. */
    <E extends CloudApiException> E failure(Class<E> type, Mono<?> mono) {
        E error = catchThrowableOfType(type, () -> call(mono));
        assertThat(error).as("the call fails with " + type.getSimpleName()).isNotNull();
        assertThat(error.requestId()).as("the error names a request id").matches("[0-9a-f-]{36}");
        return error;
    }

    /** A 400 naming {@code field}. */
    CloudApiException badRequest(Mono<?> mono, String field) {
        CloudApiException error = failure(CloudApiException.class, mono);
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("BAD_REQUEST");
        assertThat(error.message()).startsWith(field + ": ");
        return error;
    }
}
