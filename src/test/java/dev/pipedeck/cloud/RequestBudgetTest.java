package dev.pipedeck.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

import dev.pipedeck.cloud.clickpipe.ClickPipeCommand;
import dev.pipedeck.testsupport.FakeCloud;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The per-key request budget and the shared reads, against a real local HTTP server: Pipedeck never sends more than
 * the budget, writes go ahead of waiting reads, an over-long wait is refused, identical reads are shared.
 * Windows are scaled down (1 s instead of 10 s) so the suite stays fast; the rules are the same.
 */
class RequestBudgetTest {

    static final String ORG = "11111111-2222-3333-4444-555555555555";

    final FakeCloud cloud = new FakeCloud();
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    final List<String> order = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        cloud.close();
    }

    private ClickHouseCloudClient client(Duration maxWait, Duration readCache) {
        return new ClickHouseCloudClient(WebClient.builder(), new CloudClientProperties(Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(10), 3, maxWait, readCache));
    }

    private CloudConnection connection(int requests, Duration window) {
        return new CloudConnection(cloud.baseUrl(), ORG, "KeyId123", "SecretValue123",
                new RequestBudget(requests, window));
    }

    private void answerSlowly(String path, long delayMillis) {
        cloud.on("GET", path, call -> {
            arrivals.add(System.nanoTime());
            order.add(call.method() + " " + call.path());
            sleep(delayMillis);
            return FakeCloud.envelope("[]");
        });
    }

    @Test
    void fiftyConcurrentIdenticalReadsCostOneUpstreamCall() {
        answerSlowly("/organizations/" + ORG + "/services/svc/clickpipes", 300);
        ClickHouseCloudClient client = client(Duration.ofSeconds(15), Duration.ofSeconds(2));
        CloudConnection connection = connection(10, Duration.ofSeconds(10));

        List<Integer> answers = Flux.range(0, 50)
                .flatMap(i -> client.clickPipeGetList(connection, "svc").map(List::size), 50)
                .collectList().block(Duration.ofSeconds(10));

        assertThat(answers).hasSize(50);
        assertThat(cloud.count("GET", "/organizations/" + ORG + "/services/svc/clickpipes")).isEqualTo(1);
    }

    @Test
    void distinctReadsNeverExceedTheBudgetInAnyWindow() {
        for (int i = 0; i < 30; i++) {
            answerSlowly("/organizations/" + ORG + "/services/svc-" + i + "/clickpipes", 0);
        }
        ClickHouseCloudClient client = client(Duration.ofSeconds(15), Duration.ofSeconds(2));
        CloudConnection connection = connection(10, Duration.ofSeconds(1));

        Flux.range(0, 30).flatMap(i -> client.clickPipeGetList(connection, "svc-" + i), 30)
                .collectList().block(Duration.ofSeconds(20));

        assertThat(arrivals).hasSize(30);
        List<Long> sorted = new ArrayList<>(arrivals);
        Collections.sort(sorted);
        for (int i = 0; i + 10 < sorted.size(); i++) {
            assertThat(sorted.get(i + 10) - sorted.get(i)).as("the 11th request after request %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos() - Duration.ofMillis(20).toNanos());
        }
        assertThat(sorted.get(29) - sorted.get(0)).as("30 requests at 10 per second take two windows")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900).toNanos());
    }

    @Test
    void aWriteWaitingBehindReadsGoesFirst() throws Exception {
        for (int i = 0; i < 4; i++) {
            answerSlowly("/organizations/" + ORG + "/services/r" + i + "/clickpipes", 0);
        }
        cloud.on("PATCH", "/organizations/" + ORG + "/services/w/clickpipes/p/state", call -> {
            order.add(call.method() + " " + call.path());
            return FakeCloud.envelope("{\"id\":\"p\",\"state\":\"Stopping\"}");
        });
        ClickHouseCloudClient client = client(Duration.ofSeconds(15), Duration.ofSeconds(2));
        CloudConnection connection = connection(1, Duration.ofMillis(400));

        Mono<?> first = client.clickPipeGetList(connection, "r0");
        first.block(Duration.ofSeconds(5));
        List<Mono<?>> queued = new ArrayList<>();
        for (int i = 1; i < 4; i++) {
            queued.add(client.clickPipeGetList(connection, "r" + i));
        }
        var reads = Flux.merge(queued).collectList().toFuture();
        Thread.sleep(50);
        client.clickPipeStateUpdate(connection, "w", "p", ClickPipeCommand.STOP).block(Duration.ofSeconds(5));
        reads.get();

        assertThat(order.get(0)).endsWith("/r0/clickpipes");
        assertThat(order.get(1)).as("the write jumped the waiting reads").startsWith("PATCH");
    }

    @Test
    void backgroundReadsWaitBehindEveryPersonsRequest() throws Exception {
        for (int i = 0; i < 4; i++) {
            answerSlowly("/organizations/" + ORG + "/services/r" + i + "/clickpipes", 0);
        }
        answerSlowly("/organizations/" + ORG + "/prometheus", 0);
        cloud.on("PATCH", "/organizations/" + ORG + "/services/w/clickpipes/p/state", call -> {
            order.add(call.method() + " " + call.path());
            return FakeCloud.envelope("{\"id\":\"p\",\"state\":\"Stopping\"}");
        });
        ClickHouseCloudClient client = client(Duration.ofSeconds(15), Duration.ofSeconds(2));
        CloudConnection connection = connection(1, Duration.ofMillis(300));

        client.clickPipeGetList(connection, "r0").block(Duration.ofSeconds(5));
        var scrape = client.readInBackground(connection, "/organizations/" + ORG + "/prometheus").toFuture();
        Thread.sleep(30);
        List<Mono<?>> people = new ArrayList<>();
        for (int i = 1; i < 4; i++) {
            people.add(client.clickPipeGetList(connection, "r" + i));
        }
        people.add(client.clickPipeStateUpdate(connection, "w", "p", ClickPipeCommand.STOP));
        Flux.merge(people).collectList().block(Duration.ofSeconds(10));
        scrape.get();

        assertThat(order).hasSize(6);
        assertThat(order.get(1)).as("the write goes first").startsWith("PATCH");
        assertThat(order.get(5)).as("the scrape, queued before them, goes after every person's request")
                .endsWith("/prometheus");
    }

    @Test
    void backgroundReadsLeaveHalfOfTheBudgetToPeople() {
        for (int i = 0; i < 6; i++) {
            answerSlowly("/organizations/" + ORG + "/services/s" + i + "/prometheus", 0);
        }
        ClickHouseCloudClient client = client(Duration.ofSeconds(15), Duration.ofSeconds(2));
        CloudConnection connection = connection(4, Duration.ofMillis(500));

        long started = System.nanoTime();
        Flux.range(0, 6)
                .flatMap(i -> client.readInBackground(connection, "/organizations/" + ORG + "/services/s" + i
                        + "/prometheus"), 6)
                .collectList().block(Duration.ofSeconds(10));

        List<Long> sorted = new ArrayList<>(arrivals);
        Collections.sort(sorted);
        assertThat(sorted).hasSize(6);
        for (int i = 2; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 2)).as("no more than 2 of 4 per window in the background")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(490).toNanos());
        }
        assertThat(sorted.get(0) - started).isLessThan(Duration.ofMillis(400).toNanos());
        assertThat(cloud.count("GET", "/organizations/" + ORG + "/services/s0/prometheus")).isEqualTo(1);
    }

    @Test
    void aWaitLongerThanTheLimitIsRefusedWithARetryAfterAndSendsNothing() {
        answerSlowly("/organizations/" + ORG + "/services/a/clickpipes", 0);
        answerSlowly("/organizations/" + ORG + "/services/b/clickpipes", 0);
        ClickHouseCloudClient client = client(Duration.ofMillis(200), Duration.ofSeconds(2));
        CloudConnection connection = connection(1, Duration.ofSeconds(10));

        client.clickPipeGetList(connection, "a").block(Duration.ofSeconds(5));
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.clickPipeGetList(connection, "b").block(Duration.ofSeconds(5)))
                .isInstanceOf(BudgetExhaustedException.class)
                .satisfies(e -> assertThat(((BudgetExhaustedException) e).retryAfter())
                        .isGreaterThan(Duration.ofSeconds(8)));
        assertThat(System.nanoTime() - started).isLessThan(Duration.ofSeconds(2).toNanos());
        assertThat(cloud.count("GET", "/organizations/" + ORG + "/services/b/clickpipes")).isZero();
    }

    @Test
    void readsAreReusedBrieflyForgottenAfterAWriteAndFreshReadsSkipTheCache() {
        String list = "/organizations/" + ORG + "/services/svc/clickpipes";
        answerSlowly(list, 0);
        cloud.ok("DELETE", list + "/p1", "null");
        ClickHouseCloudClient client = client(Duration.ofSeconds(15), Duration.ofSeconds(30));
        CloudConnection connection = connection(100, Duration.ofSeconds(10));

        client.clickPipeGetList(connection, "svc").block();
        client.clickPipeGetList(connection, "svc").block();
        assertThat(cloud.count("GET", list)).as("reused").isEqualTo(1);

        client.exchangeRaw(connection, HttpMethod.GET, list, null, true).block();
        assertThat(cloud.count("GET", list)).as("fresh skips the cache").isEqualTo(2);

        client.clickPipeDelete(connection, "svc", "p1").onErrorResume(e -> Mono.empty()).block();
        client.clickPipeGetList(connection, "svc").block();
        assertThat(cloud.count("GET", list)).as("a write forgets the service's reads").isEqualTo(3);
    }

    @Test
    void pastItsTimeAReadIsAnsweredAtOnceFromItsLastAnswerWhileOneRefreshWaitsForTheBudget() throws Exception {
        String list = "/organizations/" + ORG + "/services/svc/clickpipes";
        java.util.concurrent.atomic.AtomicInteger version = new java.util.concurrent.atomic.AtomicInteger();
        cloud.on("GET", list, call -> FakeCloud.envelope("[{\"id\":\"p" + version.incrementAndGet()
                + "\",\"name\":\"v\",\"state\":\"Running\"}]"));
        ClickHouseCloudClient client = new ClickHouseCloudClient(WebClient.builder(), new CloudClientProperties(
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(10), 3,
                Duration.ofSeconds(15), Duration.ofMillis(200), Duration.ofSeconds(10)));
        CloudConnection connection = connection(1, Duration.ofSeconds(1));

        assertThat(client.clickPipeGetList(connection, "svc").block().get(0).id()).isEqualTo("p1");
        Thread.sleep(300);
        long started = System.nanoTime();
        List<String> stale = Flux.range(0, 20).flatMap(i -> client.clickPipeGetList(connection, "svc"), 20)
                .map(pipes -> pipes.get(0).id()).collectList().block(Duration.ofSeconds(5));
        assertThat(System.nanoTime() - started).as("answered without waiting for the budget's next slot")
                .isLessThan(Duration.ofMillis(400).toNanos());
        assertThat(stale).containsOnly("p1");

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (cloud.count("GET", list) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(50);
        assertThat(cloud.count("GET", list)).as("twenty stale reads, one refresh").isEqualTo(2);
        assertThat(client.clickPipeGetList(connection, "svc").block().get(0).id()).isEqualTo("p2");
    }

    @Test
    void readsAreNeverSharedBetweenDifferentSecrets() {
        String organization = "/organizations/" + ORG;
        cloud.on("GET", organization, call -> call.authorization().equals(basic("KeyId123:SecretValue123"))
                ? FakeCloud.envelope("{\"id\":\"" + ORG + "\",\"name\":\"Acme\"}")
                : FakeCloud.error(401, "UNAUTHORIZED: wrong secret"));
        ClickHouseCloudClient client = client(Duration.ofSeconds(15), Duration.ofSeconds(30));
        CloudConnection right = connection(100, Duration.ofSeconds(10));
        CloudConnection wrong = new CloudConnection(cloud.baseUrl(), ORG, "KeyId123", "guessed", right.budget());

        assertThat(client.organizationGet(right).block().name()).isEqualTo("Acme");
        assertThatThrownBy(() -> client.organizationGet(wrong).block()).isInstanceOf(CloudUnauthorizedException.class);
    }

    private static String basic(String pair) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
