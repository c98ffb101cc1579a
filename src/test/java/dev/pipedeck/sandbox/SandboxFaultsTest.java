package dev.pipedeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pipedeck.cloud.CloudApiException;
import dev.pipedeck.cloud.Service;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchRequest;

/**
 * Misbehaviour on demand, seen through the real client: it repeats GETs after 503s and waits out 429s, never repeats
 * a create; latency and hostile strings show; and every request is counted for the benchmarks.
 */
class SandboxFaultsTest extends SandboxServerTest {

    @Test
    void aBurstOf503sIsRiddenOutByTheClientsGetRetries() {
        faults.burstServerErrors(2);
        long before = stats.snapshot().total();

        assertThat(call(client.instanceGetList(connection))).extracting(Service::name).contains("staging");

        assertThat(stats.snapshot().total() - before).as("two 503s, then the answer").isEqualTo(3);
        assertThat(faults.serverErrorsLeft()).isZero();
    }

    @Test
    void aCreateIsNeverRepeatedAfterA503() {
        int pipes = call(client.clickPipeGetList(connection, PRODUCTION)).size();
        faults.burstServerErrors(1);

        CloudApiException error = failure(CloudApiException.class,
                client.clickPipeCreate(connection, PRODUCTION, SandboxBodies.kafkaConfluent()));

        assertThat(error.status()).isEqualTo(503);
        assertThat(error.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(call(client.clickPipeGetList(connection, PRODUCTION))).hasSize(pipes);
    }

    @Test
    void a429IsWaitedOutAsTheResetHeaderSays() {
        faults.burstRateLimited(1);
        long before = stats.snapshot().total();
        long started = System.nanoTime();

        assertThat(call(client.organizationGet(connection)).name()).isEqualTo("Sandbox organization");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited X-RateLimit-Reset: 1")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(stats.snapshot().total() - before).isEqualTo(2);
    }

    @Test
    void addedLatencyDelaysEveryAnswer() {
        faults.setLatency(Duration.ofMillis(300));
        long started = System.nanoTime();

        call(client.organizationGet(connection));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void hostileStringsAppearInPipeNamesAndErrorMessages() {
        faults.setHostileStrings(true);
        cloud.showHostilePipes(true);

        assertThat(call(client.clickPipeGetList(connection, PRODUCTION))).extracting(ClickPipe::name)
                .contains(SandboxFaults.HOSTILE_SCRIPT, SandboxFaults.HOSTILE_ATTRIBUTE);
        ClickPipe pipe = call(client.clickPipeCreate(connection, PRODUCTION, SandboxBodies.bigquery()));
        assertThat(failure(CloudApiException.class, client.clickPipeUpdate(connection, PRODUCTION, pipe.id(),
                ClickPipePatchRequest.rename("x"))).message()).contains(SandboxFaults.HOSTILE_SCRIPT);

        cloud.showHostilePipes(false);
        assertThat(call(client.clickPipeGetList(connection, PRODUCTION))).extracting(ClickPipe::name)
                .doesNotContain(SandboxFaults.HOSTILE_SCRIPT);
    }

    @Test
    void requestsAreCountedByMethodMinuteAndKey() {
        stats.reset();
        ClickPipe pipe = call(client.clickPipeCreate(connection, PRODUCTION, SandboxBodies.kinesis()));
        call(client.clickPipeGet(connection, PRODUCTION, pipe.id()));
        call(client.clickPipeGetList(connection, PRODUCTION));
        call(client.clickPipeUpdate(connection, PRODUCTION, pipe.id(), ClickPipePatchRequest.rename("renamed")));
        call(client.clickPipeDelete(connection, PRODUCTION, pipe.id()));

        SandboxStats.Snapshot counts = stats.snapshot();
        assertThat(counts.total()).isEqualTo(5);
        assertThat(counts.totalByMethod()).containsOnly(Map.entry("GET", 2L), Map.entry("POST", 1L),
                Map.entry("PATCH", 1L), Map.entry("DELETE", 1L));
        assertThat(counts.lastMinute()).isEqualTo(5);
        assertThat(counts.perMinute()).singleElement().satisfies(minute -> assertThat(minute.total()).isEqualTo(5));
        assertThat(stats.peakRequestsPerKey(Duration.ofSeconds(10))).isEqualTo(5);

        clock.advance(Duration.ofMinutes(2));
        assertThat(stats.snapshot().lastMinute()).isZero();
        assertThat(stats.snapshot().total()).isEqualTo(5);
    }
}
