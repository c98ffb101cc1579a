package dev.pipedeck.cloud;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeCommand;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipeScalingPatchRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoveryRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoveryResponse;
import dev.pipedeck.cloud.clickpipe.ClickPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeStatePatchRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipesCdcScaling;
import dev.pipedeck.cloud.clickpipe.CreateReversePrivateEndpoint;
import dev.pipedeck.cloud.clickpipe.ReversePrivateEndpoint;
import dev.pipedeck.cloud.clickpipe.UpdateReversePrivateEndpoint;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * Typed client of the ClickHouse Cloud API (ClickPipes and what they need around them). Methods are named after the
 * spec's operationIds, take the {@link CloudConnection} first and answer a cold {@link Mono}: callers block or combine.
 *
 * <p>Failures arrive as {@link CloudApiException} (and its subclasses for 401, 404, 424 idle and 429) or
 * {@link CloudUnavailableException}. HTTP 429 is waited out and repeated for every call; 5xx answers and failed
 * connections are repeated only for GET and for the PUT of settings, never for a create or another change.
 */
@Component
public class ClickHouseCloudClient {

    private static final Pattern UNSAFE_RAW_PATH = Pattern.compile("(^|/)\\.\\.?(/|$|\\?)|[\\s\\\\#]|://");

    private final CloudTransport transport;

    /** A client whose request budgets are counted in this instance alone. */
    public ClickHouseCloudClient(WebClient.Builder webClientBuilder, CloudClientProperties properties) {
        this(webClientBuilder, properties, BudgetLedger.LOCAL);
    }

    /** A client whose request budgets are also counted in {@code ledger}, shared with other instances. */
    public ClickHouseCloudClient(WebClient.Builder webClientBuilder, CloudClientProperties properties,
            BudgetLedger ledger) {
        this.transport = new CloudTransport(webClientBuilder, properties, ledger);
    }

    /** The application's client: budgets counted in the configured ledger, or this instance alone without one. */
    @Autowired
    ClickHouseCloudClient(WebClient.Builder webClientBuilder, CloudClientProperties properties,
            ObjectProvider<BudgetLedger> ledger) {
        this(webClientBuilder, properties, ledger.getIfAvailable(() -> BudgetLedger.LOCAL));
    }

    // ---- ClickPipes ----

    /** {@code GET .../services/{serviceId}/clickpipes}. */
    public Mono<List<ClickPipe>> clickPipeGetList(CloudConnection connection, String serviceId) {
        return get(connection, pipes(connection, serviceId), listOf(ClickPipe.class));
    }

    /** {@code POST .../services/{serviceId}/clickpipes}; never repeated after a 5xx, as the pipe may exist. */
    public Mono<ClickPipe> clickPipeCreate(CloudConnection connection, String serviceId, ClickPipePostRequest body) {
        return send(connection, HttpMethod.POST, pipes(connection, serviceId), body, RetryPolicy.RATE_LIMITED,
                type(ClickPipe.class));
    }

    /** {@code GET .../clickpipes/{clickPipeId}}. */
    public Mono<ClickPipe> clickPipeGet(CloudConnection connection, String serviceId, String clickPipeId) {
        return get(connection, pipe(connection, serviceId, clickPipeId), type(ClickPipe.class));
    }

    /**
     * {@code GET .../clickpipes/{clickPipeId}} past the read cache: what ClickHouse Cloud holds now, for a check before
     * a write (still within the key's request budget).
     */
    public Mono<ClickPipe> clickPipeGetFresh(CloudConnection connection, String serviceId, String clickPipeId) {
        return send(connection, HttpMethod.GET, pipe(connection, serviceId, clickPipeId), null,
                RetryPolicy.RATE_LIMITED_AND_TRANSIENT, type(ClickPipe.class), true);
    }

    /** {@code PATCH .../clickpipes/{clickPipeId}}. */
    public Mono<ClickPipe> clickPipeUpdate(CloudConnection connection, String serviceId, String clickPipeId,
            ClickPipePatchRequest body) {
        return send(connection, HttpMethod.PATCH, pipe(connection, serviceId, clickPipeId), body,
                RetryPolicy.RATE_LIMITED, type(ClickPipe.class));
    }

    /** {@code DELETE .../clickpipes/{clickPipeId}}. */
    public Mono<Void> clickPipeDelete(CloudConnection connection, String serviceId, String clickPipeId) {
        return send(connection, HttpMethod.DELETE, pipe(connection, serviceId, clickPipeId), null,
                RetryPolicy.RATE_LIMITED, null);
    }

    /** {@code GET .../clickpipes/{clickPipeId}/settings}. */
    public Mono<ClickPipeSettings> clickPipeSettingsGet(CloudConnection connection, String serviceId,
            String clickPipeId) {
        return get(connection, pipe(connection, serviceId, clickPipeId) + "/settings", type(ClickPipeSettings.class));
    }

    /** {@code PUT .../clickpipes/{clickPipeId}/settings}; merges the pairs into the current settings. Idempotent. */
    public Mono<ClickPipeSettings> clickPipeSettingsUpdate(CloudConnection connection, String serviceId,
            String clickPipeId, ClickPipeSettings settings) {
        return send(connection, HttpMethod.PUT, pipe(connection, serviceId, clickPipeId) + "/settings", settings,
                RetryPolicy.RATE_LIMITED_AND_TRANSIENT, type(ClickPipeSettings.class));
    }

    /** {@code PATCH .../clickpipes/{clickPipeId}/scaling}. */
    public Mono<ClickPipe> clickPipeScalingUpdate(CloudConnection connection, String serviceId, String clickPipeId,
            ClickPipeScalingPatchRequest body) {
        return send(connection, HttpMethod.PATCH, pipe(connection, serviceId, clickPipeId) + "/scaling", body,
                RetryPolicy.RATE_LIMITED, type(ClickPipe.class));
    }

    /** {@code PATCH .../clickpipes/{clickPipeId}/state} with {@code {"command": "start" | "stop" | "resync"}}. */
    public Mono<ClickPipe> clickPipeStateUpdate(CloudConnection connection, String serviceId, String clickPipeId,
            ClickPipeCommand command) {
        return send(connection, HttpMethod.PATCH, pipe(connection, serviceId, clickPipeId) + "/state",
                new ClickPipeStatePatchRequest(command), RetryPolicy.RATE_LIMITED, type(ClickPipe.class));
    }

    /** {@code GET .../services/{serviceId}/clickpipesCdcScaling}: compute shared by the service's database pipes. */
    public Mono<ClickPipesCdcScaling> clickPipeCdcScalingGet(CloudConnection connection, String serviceId) {
        return get(connection, service(connection, serviceId) + "/clickpipesCdcScaling",
                type(ClickPipesCdcScaling.class));
    }

    /** {@code PATCH .../services/{serviceId}/clickpipesCdcScaling}. */
    public Mono<ClickPipesCdcScaling> clickPipeCdcScalingUpdate(CloudConnection connection, String serviceId,
            ClickPipesCdcScaling body) {
        return send(connection, HttpMethod.PATCH, service(connection, serviceId) + "/clickpipesCdcScaling", body,
                RetryPolicy.RATE_LIMITED, type(ClickPipesCdcScaling.class));
    }

    /** {@code POST .../clickpipes/schemaDiscovery}: samples a Kafka or Kinesis source and infers its columns. */
    public Mono<ClickPipeSchemaDiscoveryResponse> clickPipeSchemaDiscovery(CloudConnection connection,
            String serviceId, ClickPipeSchemaDiscoveryRequest body) {
        return send(connection, HttpMethod.POST, pipes(connection, serviceId) + "/schemaDiscovery", body,
                RetryPolicy.RATE_LIMITED, type(ClickPipeSchemaDiscoveryResponse.class));
    }

    // ---- Reverse private endpoints ----

    /** {@code GET .../services/{serviceId}/clickpipesReversePrivateEndpoints}. */
    public Mono<List<ReversePrivateEndpoint>> clickPipeReversePrivateEndpointGetList(CloudConnection connection,
            String serviceId) {
        return get(connection, endpoints(connection, serviceId), listOf(ReversePrivateEndpoint.class));
    }

    /** {@code POST .../services/{serviceId}/clickpipesReversePrivateEndpoints}. */
    public Mono<ReversePrivateEndpoint> clickPipeReversePrivateEndpointCreate(CloudConnection connection,
            String serviceId, CreateReversePrivateEndpoint body) {
        return send(connection, HttpMethod.POST, endpoints(connection, serviceId), body, RetryPolicy.RATE_LIMITED,
                type(ReversePrivateEndpoint.class));
    }

    /** {@code GET .../clickpipesReversePrivateEndpoints/{reversePrivateEndpointId}}. */
    public Mono<ReversePrivateEndpoint> clickPipeReversePrivateEndpointGet(CloudConnection connection,
            String serviceId, String reversePrivateEndpointId) {
        return get(connection, endpoint(connection, serviceId, reversePrivateEndpointId),
                type(ReversePrivateEndpoint.class));
    }

    /** {@code PATCH .../clickpipesReversePrivateEndpoints/{reversePrivateEndpointId}}. */
    public Mono<ReversePrivateEndpoint> clickPipeReversePrivateEndpointUpdate(CloudConnection connection,
            String serviceId, String reversePrivateEndpointId, UpdateReversePrivateEndpoint body) {
        return send(connection, HttpMethod.PATCH, endpoint(connection, serviceId, reversePrivateEndpointId), body,
                RetryPolicy.RATE_LIMITED, type(ReversePrivateEndpoint.class));
    }

    /** {@code DELETE .../clickpipesReversePrivateEndpoints/{reversePrivateEndpointId}}. */
    public Mono<Void> clickPipeReversePrivateEndpointDelete(CloudConnection connection, String serviceId,
            String reversePrivateEndpointId) {
        return send(connection, HttpMethod.DELETE, endpoint(connection, serviceId, reversePrivateEndpointId), null,
                RetryPolicy.RATE_LIMITED, null);
    }

    // ---- Organization, services, keys ----

    /** {@code GET /v1/organizations/{organizationId}}. */
    public Mono<Organization> organizationGet(CloudConnection connection) {
        return get(connection, organization(connection), type(Organization.class));
    }

    /** {@code GET .../services}: the services of the connection's organization. */
    public Mono<List<Service>> instanceGetList(CloudConnection connection) {
        return get(connection, organization(connection) + "/services", listOf(Service.class));
    }

    /**
     * The services of every connection, asked in parallel and answered in the order given. A connection that fails
     * does not fail the others: its entry carries the error.
     */
    public Mono<List<ConnectionServices>> instanceGetListOfAll(Collection<CloudConnection> connections) {
        return Flux.fromIterable(connections)
                .flatMapSequential(connection -> instanceGetList(connection)
                        .map(services -> ConnectionServices.listed(connection, services))
                        .onErrorResume(CloudException.class,
                                error -> Mono.just(ConnectionServices.failed(connection, error))))
                .collectList();
    }

    /** {@code GET .../services/{serviceId}}. */
    public Mono<Service> instanceGet(CloudConnection connection, String serviceId) {
        return get(connection, service(connection, serviceId), type(Service.class));
    }

    /** {@code PATCH .../services/{serviceId}/state}; {@link ServiceCommand#START} wakes an idle service. */
    public Mono<Service> instanceStateUpdate(CloudConnection connection, String serviceId, ServiceCommand command) {
        return send(connection, HttpMethod.PATCH, service(connection, serviceId) + "/state",
                new ServiceStatePatchRequest(command), RetryPolicy.RATE_LIMITED, type(Service.class));
    }

    /** {@code GET .../keys}: the organization's API keys, without their secrets. */
    public Mono<List<ApiKey>> openapiKeyGetList(CloudConnection connection) {
        return get(connection, organization(connection) + "/keys", listOf(ApiKey.class));
    }

    // ---- Pass-through ----

    /**
     * Sends a request the typed methods do not model and answers what came back, whatever the status, body bytes
     * untouched, accepting any content type (metrics come as text). GET is repeated like a typed GET; other methods
     * are sent exactly once. Fails only with
     * {@link CloudUnavailableException} (no answer).
     *
     * @param pathUnderV1 path after {@code /v1}, starting with {@code /}, query string allowed
     * @param jsonBody JSON body, or null for none
     */
    public Mono<RawCloudResponse> exchangeRaw(CloudConnection connection, HttpMethod method, String pathUnderV1,
            byte @Nullable [] jsonBody) {
        return exchangeRaw(connection, method, pathUnderV1, jsonBody, false);
    }

    /**
     * As {@link #exchangeRaw(CloudConnection, HttpMethod, String, byte[])}; with {@code fresh} a GET skips the read
     * cache (as a {@code Cache-Control: no-cache} request asks) and still counts against the key's budget.
     */
    public Mono<RawCloudResponse> exchangeRaw(CloudConnection connection, HttpMethod method, String pathUnderV1,
            byte @Nullable [] jsonBody, boolean fresh) {
        if (pathUnderV1 == null || !pathUnderV1.startsWith("/") || UNSAFE_RAW_PATH.matcher(pathUnderV1).find()) {
            return Mono.error(new IllegalArgumentException("not a path under /v1: " + pathUnderV1));
        }
        RetryPolicy policy = HttpMethod.GET.equals(method) ? RetryPolicy.RATE_LIMITED_AND_TRANSIENT : RetryPolicy.NEVER;
        return Mono.defer(() -> transport.exchange(connection, method, pathUnderV1, jsonBody, MediaType.ALL, policy,
                fresh));
    }

    /**
     * Why an answer of {@link #exchangeRaw} is not one to pass on as it came, in words fit for a person (secrets
     * masked): an answer declared or expected as JSON that is not (a proxy's HTML error page, malformed JSON, an empty
     * error). Null when it is the API's JSON, or a successful answer of another kind (metrics come as text).
     *
     * @param sentBody the JSON body that was sent, or null, so that its secrets are masked too
     */
    public @Nullable String unreadableAnswer(CloudConnection connection, RawCloudResponse response,
            byte @Nullable [] sentBody) {
        String contentType = response.contentType() == null ? "" : response.contentType().toLowerCase(Locale.ROOT);
        boolean expectedJson = !response.isSuccess() || contentType.contains("json") || contentType.contains("html");
        if (!expectedJson || CloudErrorDecoder.isJson(response)) {
            return null;
        }
        return SecretRedactor.forRequest(connection, sentBody).redact(CloudErrorDecoder.notApiJson(response));
    }

    /**
     * A GET for the console's own background work (the metrics collector), answered like
     * {@link #exchangeRaw(CloudConnection, HttpMethod, String, byte[])}: it skips the read cache and waits behind every
     * person's request in the key's budget, using at most half of it, so collecting never delays what people do.
     */
    public Mono<RawCloudResponse> readInBackground(CloudConnection connection, String pathUnderV1) {
        if (pathUnderV1 == null || !pathUnderV1.startsWith("/") || UNSAFE_RAW_PATH.matcher(pathUnderV1).find()) {
            return Mono.error(new IllegalArgumentException("not a path under /v1: " + pathUnderV1));
        }
        return Mono.defer(() -> transport.exchangeInBackground(connection, pathUnderV1, MediaType.ALL));
    }

    // ---- plumbing ----

    private <T> Mono<T> get(CloudConnection connection, String path, JavaType resultType) {
        return send(connection, HttpMethod.GET, path, null, RetryPolicy.RATE_LIMITED_AND_TRANSIENT, resultType);
    }

    /** Sends {@code body} as JSON and reads the envelope's {@code result} as {@code resultType} (null: no result). */
    private <T> Mono<T> send(CloudConnection connection, HttpMethod method, String path, @Nullable Object body,
            RetryPolicy policy, @Nullable JavaType resultType) {
        return send(connection, method, path, body, policy, resultType, false);
    }

    private <T> Mono<T> send(CloudConnection connection, HttpMethod method, String path, @Nullable Object body,
            RetryPolicy policy, @Nullable JavaType resultType, boolean fresh) {
        return Mono.defer(() -> {
            byte[] json = body == null ? null : CloudJson.MAPPER.writeValueAsBytes(body);
            SecretRedactor redactor = SecretRedactor.forRequest(connection, json);
            return transport.exchange(connection, method, path, json, MediaType.APPLICATION_JSON, policy, fresh)
                    .flatMap(response -> response.isSuccess()
                            ? Mono.justOrEmpty(this.<T>readResult(response, resultType, redactor, method))
                            : Mono.error(CloudErrorDecoder.decode(response, redactor)));
        });
    }

    private <T> T readResult(RawCloudResponse response, @Nullable JavaType resultType, SecretRedactor redactor,
            HttpMethod method) {
        if (resultType == null) {
            return null;
        }
        JsonNode root;
        try {
            root = CloudJson.MAPPER.readTree(response.body());
        } catch (JacksonException e) {
            throw CloudErrorDecoder.unreadable(response, redactor, null, method);
        }
        JsonNode requestId = root == null ? null : root.get("requestId");
        String id = requestId != null && requestId.isString() ? requestId.asString() : null;
        JsonNode result = root == null ? null : root.get("result");
        if (result == null || result.isNull()) {
            throw CloudErrorDecoder.unreadable(response, redactor, id, method);
        }
        try {
            return CloudJson.MAPPER.treeToValue(result, resultType);
        } catch (JacksonException e) {
            throw CloudErrorDecoder.unreadable(response, redactor, id, method);
        }
    }

    private static JavaType type(Class<?> type) {
        return CloudJson.MAPPER.constructType(type);
    }

    private static JavaType listOf(Class<?> element) {
        return CloudJson.MAPPER.getTypeFactory().constructCollectionType(List.class, element);
    }

    private static String organization(CloudConnection connection) {
        return "/organizations/" + segment(connection.organizationId());
    }

    private static String service(CloudConnection connection, String serviceId) {
        return organization(connection) + "/services/" + segment(serviceId);
    }

    private static String pipes(CloudConnection connection, String serviceId) {
        return service(connection, serviceId) + "/clickpipes";
    }

    private static String pipe(CloudConnection connection, String serviceId, String clickPipeId) {
        return pipes(connection, serviceId) + "/" + segment(clickPipeId);
    }

    private static String endpoints(CloudConnection connection, String serviceId) {
        return service(connection, serviceId) + "/clickpipesReversePrivateEndpoints";
    }

    private static String endpoint(CloudConnection connection, String serviceId, String endpointId) {
        return endpoints(connection, serviceId) + "/" + segment(endpointId);
    }

    private static String segment(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an id in the path is missing");
        }
        return UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
    }
}
