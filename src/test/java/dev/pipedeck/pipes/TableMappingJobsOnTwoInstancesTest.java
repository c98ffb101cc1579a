package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.pipedeck.PipedeckApplication;
import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.HttpBrowser;
import dev.pipedeck.testsupport.PostgresTestDatabase;
import dev.pipedeck.testsupport.TestMasterKey;

/**
 * Table mapping changes on two Pipedeck instances sharing one PostgreSQL behind a load balancer without sticky
 * sessions: a change started on one instance is followed on the other (its page and the HTMX poll), neither instance
 * starts a second change of a pipe while one runs, even when both are asked at the same moment, and when the instance
 * running a change stops, the other shows it as interrupted and lets the pipe be changed again.
 */
class TableMappingJobsOnTwoInstancesTest {

    static final String ORG = "7e57c0de-0000-4000-8000-0000000a0b12";
    static final String SERVICE = "7e57c0de-0000-4000-8000-0000000a5e41";
    static final String FIRST_PIPE = "7e57c0de-0000-4000-8000-0000000a9101";
    static final String SECOND_PIPE = "7e57c0de-0000-4000-8000-0000000a9102";
    static final String ADMIN = "mapping-admin";
    static final String PASSWORD = "two instances, one change at a time";

    static PostgresTestDatabase database;
    static FakeCloud cloud;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    /** Each pipe's state; a stop leaves it Pausing until the test lets it reach Paused. */
    static final Map<String, String> states = new ConcurrentHashMap<>();
    static final Map<String, Boolean> holdPausing = new ConcurrentHashMap<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        database = PostgresTestDatabase.create();
        cloud = new FakeCloud();
        cloud.ok("GET", "/organizations/" + ORG, "{\"id\":\"" + ORG + "\",\"name\":\"Mapping on two\"}");
        cloud.ok("GET", "/organizations/" + ORG + "/services/" + SERVICE,
                "{\"id\":\"" + SERVICE + "\",\"name\":\"analytics\"}");
        for (String pipe : List.of(FIRST_PIPE, SECOND_PIPE)) {
            states.put(pipe, "Running");
            holdPausing.put(pipe, true);
            String path = "/organizations/" + ORG + "/services/" + SERVICE + "/clickpipes/" + pipe;
            cloud.on("GET", path, call -> FakeCloud.envelope(pipeJson(pipe)));
            cloud.on("PATCH", path, call -> FakeCloud.envelope(pipeJson(pipe)));
            cloud.on("PATCH", path + "/state", call -> {
                boolean stop = call.body().contains("stop");
                states.put(pipe, stop ? (holdPausing.get(pipe) ? "Pausing" : "Paused") : "Running");
                return FakeCloud.envelope(pipeJson(pipe));
            });
        }
        String masterKey = TestMasterKey.newBase64Keyset();
        CompletableFuture<ConfigurableApplicationContext> a = CompletableFuture.supplyAsync(() -> start(masterKey));
        CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture.supplyAsync(() -> start(masterKey));
        first = a.get();
        second = b.get();
    }

    private static ConfigurableApplicationContext start(String masterKey) {
        return new SpringApplicationBuilder(PipedeckApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--pipedeck.master-key=" + masterKey,
                "--pipedeck.admin.username=" + ADMIN,
                "--pipedeck.admin.password=" + PASSWORD,
                "--pipedeck.health.collect=false",
                "--pipedeck.pipes.mapping-change.poll-interval=100ms");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null) {
                context.close();
            }
        }
        if (cloud != null) {
            cloud.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aChangeStartedOnOneInstanceIsFollowedOnTheOtherWhichNeverStartsASecondOneAndSeesItInterrupted()
            throws Exception {
        HttpBrowser browser = new HttpBrowser();
        assertThat(browser.signIn(port(first), ADMIN, PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
        assertThat(browser.get(port(second), "/").statusCode()).as("the session goes on on the other").isEqualTo(200);
        HttpResponse<String> connected = browser.post(port(second), "/organizations", Map.of(
                "displayName", "Mapping on two", "organizationId", ORG, "keyId", "MappingKey01",
                "keySecret", "MappingKeySecret99", "baseUrl", cloud.baseUrl(),
                "budgetRequests", "1000", "budgetWindowSeconds", "10"));
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(302);

        // Started on the first instance; every request after that goes to the second.
        browser.get(port(first), edit(FIRST_PIPE));
        HttpResponse<String> started = addGhost(browser, port(first), FIRST_PIPE);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        String jobPath = started.headers().firstValue("Location").orElseThrow();
        assertThat(jobPath).contains(edit(FIRST_PIPE) + "/jobs/");
        jobPath = jobPath.substring(jobPath.indexOf("/organizations/"));

        HttpResponse<String> page = browser.get(port(second), jobPath);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Table mapping change of", "orders (Postgres CDC)", ADMIN,
                "public.ghost → public_ghost", "In progress", "hx-trigger=\"every 1s\"");
        String polled = awaitFragment(browser, port(second), jobPath, fragment -> fragment.contains("Now Pausing"));
        assertThat(polled).contains("hx-get=\"" + jobPath + "\"", "hx-trigger=\"every 1s\"", "In progress");
        assertThat(browser.get(port(second), edit(FIRST_PIPE)).body()).contains("Follow its progress",
                jobPath.substring(jobPath.lastIndexOf('/') + 1));

        HttpResponse<String> again = addGhost(browser, port(second), FIRST_PIPE);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("A table mapping change of this pipe is still running");

        holdPausing.put(FIRST_PIPE, false);
        states.put(FIRST_PIPE, "Paused");
        String done = awaitFragment(browser, port(second), jobPath, fragment -> !fragment.contains("hx-trigger"));
        assertThat(done).contains("<h2>Done</h2>", "The table mappings were changed and the pipe is Running again.")
                .doesNotContain("hx-get");
        assertThat(fragment(browser, port(first), jobPath)).contains("<h2>Done</h2>");

        // Both instances asked to change the second pipe at the same moment: one change starts, the other is refused.
        browser.get(port(first), edit(SECOND_PIPE));
        CompletableFuture<HttpResponse<String>> onFirst = CompletableFuture.supplyAsync(
                () -> addGhostQuietly(browser, port(first), SECOND_PIPE));
        CompletableFuture<HttpResponse<String>> onSecond = CompletableFuture.supplyAsync(
                () -> addGhostQuietly(browser, port(second), SECOND_PIPE));
        List<HttpResponse<String>> answers = Stream.of(onFirst.get(), onSecond.get()).toList();
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(302, 200);
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 200).singleElement()
                .satisfies(answer -> assertThat(answer.body()).contains("A table mapping change of this pipe is "
                        + "still running"));
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select count(*) from table_mapping_job where pipe_id = ?", Integer.class,
                SECOND_PIPE)).isEqualTo(1);
        // The rule holds in the database itself, whatever the instances checked before: two instances recording a
        // running change of one pipe at the same moment, one succeeds; once it ended, the pipe is free again.
        PipeRef third = new PipeRef(ORG, SERVICE, "7e57c0de-0000-4000-8000-0000000a9103");
        MappingChange change = new MappingChange(List.of(MappedTable.of("public", "ghost", "public_ghost")), List.of());
        TableMappingJob viaFirst = new TableMappingJob(UUID.randomUUID().toString(), third, "third", ADMIN, change,
                Instant.now(), first.getBean(StoredTableMappingJobs.class));
        TableMappingJob viaSecond = new TableMappingJob(UUID.randomUUID().toString(), third, "third", ADMIN, change,
                Instant.now(), second.getBean(StoredTableMappingJobs.class));
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Boolean> beganOnFirst = CompletableFuture.supplyAsync(() -> begin(go, first, viaFirst));
        CompletableFuture<Boolean> beganOnSecond = CompletableFuture.supplyAsync(() -> begin(go, second, viaSecond));
        go.countDown();
        assertThat(List.of(beganOnFirst.get(), beganOnSecond.get())).containsExactlyInAnyOrder(true, false);
        TableMappingJob winner = beganOnFirst.get() ? viaFirst : viaSecond;
        TableMappingJob loser = winner == viaFirst ? viaSecond : viaFirst;
        StoredTableMappingJobs losersInstance = (winner == viaFirst ? second : first)
                .getBean(StoredTableMappingJobs.class);
        assertThat(losersInstance.begin(loser)).as("still running").isFalse();
        winner.finish(true, "Done.");
        assertThat(losersInstance.runningFor(third)).isEmpty();
        assertThat(losersInstance.begin(loser)).as("the pipe is free again").isTrue();
        loser.finish(true, "Done.");
        assertThat(jdbc.queryForList("select status from table_mapping_job where pipe_id = ?", String.class,
                third.pipeId())).containsExactly("SUCCEEDED", "SUCCEEDED");

        String secondJob = answers.stream().filter(answer -> answer.statusCode() == 302).findFirst().orElseThrow()
                .headers().firstValue("Location").orElseThrow();
        secondJob = secondJob.substring(secondJob.indexOf("/organizations/"));
        String secondJobId = secondJob.substring(secondJob.lastIndexOf('/') + 1);
        awaitFragment(browser, port(first), secondJob, fragment -> fragment.contains("Now Pausing"));
        assertThat(cloud.received().stream().filter(call -> call.method().equals("PATCH")
                && call.path().endsWith(SECOND_PIPE + "/state")).count()).as("one stop sent").isEqualTo(1);

        // The instance running it stops: its heartbeat is no longer renewed. (Simulated in the database: the row
        // names an instance that is gone, last heard of two minutes ago.) Both instances show it interrupted.
        jdbc.update("update table_mapping_job set instance_name = 'an instance that stopped', heartbeat_at = ? "
                + "where id = ?", Instant.now().minus(Duration.ofMinutes(2)).atOffset(ZoneOffset.UTC), secondJobId);
        for (ConfigurableApplicationContext instance : List.of(first, second)) {
            String interrupted = fragment(browser, port(instance), secondJob);
            assertThat(interrupted).contains("<h2>Interrupted</h2>", "Interrupted — the Pipedeck instance running it "
                    + "stopped; check the pipe&#39;s state before retrying.").doesNotContain("hx-trigger");
            assertThat(browser.get(port(instance), secondJob).body()).contains("<h2>Interrupted</h2>");
        }

        // The pipe paused after all; a new change of it starts, on either instance.
        holdPausing.put(SECOND_PIPE, false);
        states.put(SECOND_PIPE, "Paused");
        HttpResponse<String> retried = addGhost(browser, port(second), SECOND_PIPE);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(302);
        String retriedJob = retried.headers().firstValue("Location").orElseThrow();
        retriedJob = retriedJob.substring(retriedJob.indexOf("/organizations/"));
        assertThat(awaitFragment(browser, port(first), retriedJob, fragment -> !fragment.contains("hx-trigger")))
                .contains("The table mappings were changed. The pipe was Paused before, so it stays paused.");
        assertThat(jdbc.queryForObject("select status from table_mapping_job where id = ?", String.class,
                secondJobId)).isEqualTo("INTERRUPTED");
        assertThat(cloud.received().stream().filter(call -> call.method().equals("PATCH")
                && call.path().contains(SECOND_PIPE)).map(call -> call.path().endsWith("/state") ? call.body()
                        : "change").toList())
                .as("the interrupted job sent nothing more; the retry only changed the tables")
                .containsExactly("{\"command\":\"stop\"}", "change");
    }

    private static String edit(String pipe) {
        return "/organizations/" + ORG + "/services/" + SERVICE + "/pipes/" + pipe + "/edit";
    }

    private static HttpResponse<String> addGhost(HttpBrowser browser, int port, String pipe) throws Exception {
        return browser.post(port, edit(pipe) + "/mappings", Map.of("seenUpdatedAt", "2026-11-20T10:00:00Z",
                "add[0].sourceNamespace", "public", "add[0].sourceTable", "ghost",
                "add[0].targetTable", "public_ghost"));
    }

    private static HttpResponse<String> addGhostQuietly(HttpBrowser browser, int port, String pipe) {
        try {
            return addGhost(browser, port, pipe);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records {@code job} as running through {@code instance}'s database access, once {@code go} opens. */
    private static boolean begin(CountDownLatch go, ConfigurableApplicationContext instance, TableMappingJob job) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return instance.getBean(StoredTableMappingJobs.class).begin(job);
    }

    private static String fragment(HttpBrowser browser, int port, String jobPath) throws Exception {
        HttpResponse<String> answer = browser.htmx(port, jobPath);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static String awaitFragment(HttpBrowser browser, int port, String jobPath, Predicate<String> until)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String fragment = fragment(browser, port, jobPath);
            if (until.test(fragment)) {
                return fragment;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the job did not get there: " + fragment(browser, port, jobPath));
    }

    private static String pipeJson(String pipe) {
        return """
                {"id":"%s","serviceId":"%s","name":"orders (Postgres CDC)","state":"%s",
                 "source":{"postgres":{"type":"postgres","host":"db.example.com","port":5432,"database":"shop",
                   "tableMappings":[{"sourceSchemaName":"public","sourceTable":"orders","targetTable":"public_orders"}]}},
                 "destination":{"database":"shop"},"updatedAt":"2026-11-20T10:00:00Z"}"""
                .formatted(pipe, SERVICE, states.get(pipe));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
