package dev.pipedeck.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.HttpBrowser;
import dev.pipedeck.testsupport.PipedeckProcess;

/**
 * A Pipedeck process (the real application, its own JVM, the embedded H2 database in a data directory as a single
 * instance runs) is killed with SIGKILL in the middle of a burst of writes. After a restart on the same directory the
 * audit chain verifies, and every change whose success a user saw has its audit record.
 */
class KilledDuringWritesTest {

    static final String ORG = "dead0000-0000-4000-8000-000000000001";
    static final String SERVICE = "dead0000-0000-4000-8000-000000000002";
    static final String PIPE = "dead0000-0000-4000-8000-000000000003";
    static final String ADMIN = "kill-admin";
    static final String PASSWORD = "killed mid burst, restarted";
    static final String STATE = "/organizations/" + ORG + "/services/" + SERVICE + "/clickpipes/" + PIPE + "/state";
    static final Pattern REQUEST_ID = Pattern.compile("\"requestId\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path dataDir;

    final FakeCloud cloud = new FakeCloud();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Process pipedeck;

    @AfterEach
    void stop() {
        if (pipedeck != null) {
            pipedeck.destroyForcibly();
        }
        cloud.close();
    }

    @Test
    void afterSigkillTheChainVerifiesAndEverySuccessSeenIsRecorded() throws Exception {
        cloud.on("PATCH", STATE, call -> FakeCloud.envelope("{\"id\":\"" + PIPE + "\",\"state\":\"Stopping\"}"));
        int port = PipedeckProcess.freePort();
        pipedeck = start(port, "first");

        List<String> succeeded = new CopyOnWriteArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService users = Executors.newFixedThreadPool(4);
        for (int user = 0; user < 4; user++) {
            users.submit(() -> {
                while (!killed.get()) {
                    try {
                        HttpResponse<String> answer = stopThePipe(port);
                        if (answer.statusCode() == 200) {
                            Matcher id = REQUEST_ID.matcher(answer.body());
                            if (id.find()) {
                                succeeded.add(id.group(1));
                            }
                        }
                    } catch (IOException | InterruptedException cutOff) {
                        // The process died under this request: its outcome is unknown to the user.
                    }
                }
            });
        }
        while (succeeded.size() < 20) {
            Thread.sleep(20);
        }
        pipedeck.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        killed.set(true);
        users.shutdown();
        assertThat(users.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pipedeck.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        pipedeck = start(port, "second");
        HttpBrowser browser = new HttpBrowser();
        browser.signIn(port, ADMIN, PASSWORD);
        browser.get(port, "/audit");
        HttpResponse<String> verified = browser.post(port, "/audit/verify", java.util.Map.of());
        assertThat(verified.statusCode()).isEqualTo(302);
        assertThat(browser.get(port, "/audit").body()).contains("The audit chain is intact");
        String exported = browser.get(port, "/audit/export.jsonl").body();
        List<String> missing = succeeded.stream().filter(id -> !exported.contains(id)).toList();
        assertThat(missing).as("changes reported as done (%d) without their audit record", succeeded.size())
                .isEmpty();
    }

    private Process start(int port, String run) throws Exception {
        List<String> command = PipedeckProcess.command("-Xmx384m");
        command.addAll(List.of(
                "--server.port=" + port,
                "--pipedeck.data-dir=" + dataDir,
                "--pipedeck.admin.username=" + ADMIN,
                "--pipedeck.admin.password=" + PASSWORD,
                "--pipedeck.sandbox.enabled=false",
                "--pipedeck.health.collect=false",
                "--pipedeck.organizations[0].name=Killed org",
                "--pipedeck.organizations[0].organization-id=" + ORG,
                "--pipedeck.organizations[0].key-id=KillKey01",
                "--pipedeck.organizations[0].key-secret=KillKeySecret99",
                "--pipedeck.organizations[0].base-url=" + cloud.baseUrl(),
                "--pipedeck.organizations[0].budget-requests=1000",
                "--pipedeck.organizations[0].budget-window-seconds=1"));
        return PipedeckProcess.start(command, dataDir.resolve("pipedeck-" + run + ".log"), port);
    }

    private HttpResponse<String> stopThePipe(int port) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1" + STATE))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"command\":\"stop\"}"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
