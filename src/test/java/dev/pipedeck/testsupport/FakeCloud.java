package dev.pipedeck.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * ClickHouse Cloud at the HTTP boundary for feature tests: a real local HTTP server answering by method and path
 * (under {@code /v1}) with the API's envelopes, and recording every request it received.
 */
public final class FakeCloud implements AutoCloseable {

    public record Received(String method, String path, String authorization, String body) {
    }

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Function<Received, MockResponse>> routes = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public FakeCloud() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                Received call = new Received(request.getMethod(), path, request.getHeaders().get("Authorization"),
                        request.getBody() == null ? "" : request.getBody().utf8());
                received.add(call);
                Function<Received, MockResponse> route = routes.get(request.getMethod() + " " + path);
                return route != null ? route.apply(call)
                        : error(404, "NOT_FOUND: no route for " + request.getMethod() + " " + path);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to store in a connection (without {@code /v1}). */
    public String baseUrl() {
        return server.url("/").toString();
    }

    /** Answers {@code method pathUnderV1} with a success envelope around {@code resultJson}. */
    public FakeCloud ok(String method, String pathUnderV1, String resultJson) {
        return on(method, pathUnderV1, call -> envelope(resultJson));
    }

    public FakeCloud fail(String method, String pathUnderV1, int status, String error) {
        return on(method, pathUnderV1, call -> error(status, error));
    }

    public FakeCloud on(String method, String pathUnderV1, Function<Received, MockResponse> answer) {
        routes.put(method + " /v1" + pathUnderV1, answer);
        return this;
    }

    /**
     * Connects {@code organizationId} to this stand-in the way an admin does (the organizations form, saved
     * unverified), with a budget no test runs into.
     */
    public void connectOrganization(org.springframework.test.web.servlet.MockMvc mvc, String organizationId,
            String displayName) throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/organizations")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                        .user("admin").roles("ADMIN"))
                .param("displayName", displayName).param("organizationId", organizationId)
                .param("keyId", "TestKey01").param("keySecret", "TestKeySecret99").param("baseUrl", baseUrl())
                .param("budgetRequests", "1000").param("budgetWindowSeconds", "10").param("saveUnverified", "true"));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public long count(String method, String pathUnderV1) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().equals("/v1" + pathUnderV1)).count();
    }

    public static MockResponse envelope(String resultJson) {
        return json(200, "{\"status\":200,\"requestId\":\"" + UUID.randomUUID() + "\",\"result\":" + resultJson + "}");
    }

    public static MockResponse error(int status, String error) {
        return json(status, "{\"status\":" + status + ",\"requestId\":\"" + requestIdFor(error) + "\",\"error\":\""
                + error.replace("\"", "\\\"") + "\"}");
    }

    /** Error answers carry a predictable requestId, so tests can look for it on pages and in the audit. */
    public static String requestIdFor(String error) {
        return UUID.nameUUIDFromBytes(error.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    public static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body)
                .build();
    }

    @Override
    public void close() {
        server.close();
    }
}
