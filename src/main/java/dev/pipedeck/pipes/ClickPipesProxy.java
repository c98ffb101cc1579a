package dev.pipedeck.pipes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.audit.AuditResult;
import dev.pipedeck.audit.AuditTarget;
import dev.pipedeck.cloud.BudgetExhaustedException;
import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.CloudException;
import dev.pipedeck.cloud.CloudNoAnswerException;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.RawCloudResponse;
import dev.pipedeck.orgs.OrgConnection;
import dev.pipedeck.orgs.OrgConnectionService;
import dev.pipedeck.orgs.UnknownOrganizationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ClickPipes part of the ClickHouse Cloud API, forwarded for scripts: the caller's role is checked, every change
 * is audited (attempt, then result with the upstream status and requestId), and the call goes through the one cloud
 * client with its key's request budget. Bodies are forwarded as sent, but for the reference page's
 * {@code {"action": …}} state body, which becomes the published {@code {"command": …}}.
 */
@Service
public class ClickPipesProxy {

    private static final Duration CALL_LIMIT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OrgConnectionService connections;
    private final ClickHouseCloudClient cloud;
    private final AuditLog audit;

    public ClickPipesProxy(OrgConnectionService connections, ClickHouseCloudClient cloud, AuditLog audit) {
        this.connections = connections;
        this.cloud = cloud;
        this.audit = audit;
    }

    /** {@code GET /v1/organizations}: the organizations Pipedeck has connections for. */
    @PreAuthorize("hasRole('VIEWER')")
    public ProxyAnswer organizations() {
        List<Map<String, Object>> organizations = connections.list().stream().map(c -> {
            Map<String, Object> organization = new LinkedHashMap<>();
            organization.put("id", c.getOrganizationId());
            organization.put("name", c.getOrganizationName() != null ? c.getOrganizationName() : c.getDisplayName());
            return organization;
        }).toList();
        return json(200, ApiEnvelope.success(organizations));
    }

    /** A read, forwarded (or answered from the short read cache unless {@code fresh}). */
    @PreAuthorize("hasRole('VIEWER')")
    public ProxyAnswer read(String path, String query, boolean fresh) {
        Optional<ProxyRoute> route = ProxyRoute.of(HttpMethod.GET, path);
        if (route.isEmpty()) {
            return notMirrored(HttpMethod.GET, path);
        }
        OrgConnection connection = connections.get(route.get().organizationId());
        CloudConnection cloudConnection = connections.cloudConnection(connection);
        try {
            return answerOf(cloudConnection, exchange(cloudConnection, HttpMethod.GET, path + query, null, fresh),
                    null, false);
        } catch (CloudException | IllegalArgumentException e) {
            return failed(e);
        }
    }

    /** A change, forwarded once and audited whatever its outcome. */
    @PreAuthorize("hasRole('OPERATOR')")
    public ProxyAnswer change(HttpMethod method, String path, String query, byte[] body) {
        Optional<ProxyRoute> route = ProxyRoute.of(method, path);
        if (route.isEmpty()) {
            return notMirrored(method, path);
        }
        OrgConnection connection = connections.get(route.get().organizationId());
        byte[] forwarded = route.get().isStateChange() ? commandForAction(body) : body;
        String action = route.get().isStateChange() ? "pipe.state." + command(forwarded) : route.get().action();
        AuditEntry.Builder entry = AuditEntry.of(action)
                .channel("api")
                .target(target(connection, route.get()));
        if (forwarded != null && forwarded.length > 0) {
            entry.requestJson(ApiEnvelope.text(forwarded));
        }
        CloudConnection cloudConnection = connections.cloudConnection(connection);
        try {
            RawCloudResponse response = audit.recordCall(entry.build(),
                    () -> exchange(cloudConnection, method, path + query, forwarded, true),
                    answer -> auditResult(cloudConnection, answer, forwarded),
                    ClickPipesProxy::auditFailure);
            return answerOf(cloudConnection, response, forwarded, true);
        } catch (CloudException | IllegalArgumentException e) {
            return failed(e);
        }
    }

    /** The reference page's organization-level CDC scaling path does not exist in the published API. */
    public ProxyAnswer organizationLevelCdcScaling(String organizationId) {
        return json(404, ApiEnvelope.error(404, "NOT_FOUND", "/v1/organizations/" + organizationId
                + "/clickpipes/cdcScaling is not part of the ClickHouse Cloud API; CDC scaling is per service: "
                + "/v1/organizations/" + organizationId + "/services/{serviceId}/clickpipesCdcScaling"));
    }

    public ProxyAnswer notMirrored(HttpMethod method, String path) {
        return json(404, ApiEnvelope.error(404, "NOT_FOUND", method + " /v1" + path
                + " is not mirrored by Pipedeck (it forwards GET /v1/organizations, GET .../services and the "
                + "ClickPipes paths under .../services/{serviceId})"));
    }

    public ProxyAnswer unknownOrganization(UnknownOrganizationException e) {
        return json(404, ApiEnvelope.error(404, "NOT_FOUND",
                "Pipedeck has no connection for organization " + e.organizationId()));
    }

    private RawCloudResponse exchange(CloudConnection connection, HttpMethod method, String pathAndQuery,
            byte[] body, boolean fresh) {
        return cloud.exchangeRaw(connection, method, pathAndQuery, body, fresh).block(CALL_LIMIT);
    }

    /**
     * ClickHouse Cloud's answer as it came, unless it is not the API's JSON (a proxy's HTML error page, malformed
     * JSON): then an envelope saying so, never the page itself, with the upstream's error status (502 for a 2xx).
     */
    private ProxyAnswer answerOf(CloudConnection connection, RawCloudResponse response, byte[] sent, boolean change) {
        String unreadable = cloud.unreadableAnswer(connection, response, sent);
        if (unreadable == null) {
            return new ProxyAnswer(response.status(), response.contentType(), response.body(),
                    response.status() == 429 ? response.retryAfter() : null);
        }
        int status = response.isSuccess() ? 502 : response.status();
        return json(status, ApiEnvelope.error(status, codeOf(status), unreadable + acceptedChange(response, change)));
    }

    /** Pipedeck's answer when none came from ClickHouse Cloud: 504 for no answer in time, 502 for no connection. */
    private static ProxyAnswer failed(RuntimeException e) {
        if (e instanceof BudgetExhaustedException exhausted) {
            return new ProxyAnswer(429, MediaType.APPLICATION_JSON_VALUE,
                    ApiEnvelope.error(429, "TOO_MANY_REQUESTS", exhausted.getMessage()), exhausted.retryAfter());
        }
        if (e instanceof IllegalArgumentException) {
            return json(400, ApiEnvelope.error(400, "BAD_REQUEST", e.getMessage()));
        }
        int status = e instanceof CloudNoAnswerException ? 504 : 502;
        return json(status, ApiEnvelope.error(status, codeOf(status), CloudProblem.of(e).message()));
    }

    private AuditResult auditResult(CloudConnection connection, RawCloudResponse response, byte[] sent) {
        String unreadable = cloud.unreadableAnswer(connection, response, sent);
        if (unreadable != null) {
            return AuditResult.upstreamError(response.status(), unreadable + acceptedChange(response, true), null);
        }
        String requestId = null;
        String error = null;
        try {
            JsonNode envelope = JSON.readTree(response.body());
            if (envelope != null && envelope.isObject()) {
                requestId = envelope.path("requestId").isString() ? envelope.path("requestId").asString() : null;
                error = envelope.path("error").isString() ? envelope.path("error").asString() : null;
            }
        } catch (JacksonException notJson) {
            // A successful answer of another kind: nothing more to record.
        }
        return response.isSuccess() ? AuditResult.success(response.status(), requestId)
                : AuditResult.upstreamError(response.status(), error, requestId);
    }

    /** A change that got no answer in time stays "outcome unknown"; other failures say why nothing was done. */
    private static AuditResult auditFailure(RuntimeException e) {
        if (e instanceof CloudNoAnswerException) {
            return null;
        }
        if (e instanceof BudgetExhaustedException exhausted) {
            return AuditResult.denied(429, exhausted.getMessage(), null);
        }
        return AuditResult.upstreamError(null, CloudProblem.of(e).message(), null);
    }

    private static String acceptedChange(RawCloudResponse response, boolean change) {
        return change && response.isSuccess()
                ? " — it accepted the change, which was probably made: check before trying again" : "";
    }

    private static String codeOf(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.name() : "HTTP_" + status;
    }

    private static AuditTarget target(OrgConnection connection, ProxyRoute route) {
        String organizationName = connection.getOrganizationName() != null ? connection.getOrganizationName()
                : connection.getDisplayName();
        if (route.pipeId() != null && route.action() != null && route.action().startsWith("pipe")) {
            return AuditTarget.pipe(connection.getOrganizationId(), organizationName, route.serviceId(), null,
                    route.pipeId(), null);
        }
        return AuditTarget.service(connection.getOrganizationId(), organizationName, route.serviceId(), null);
    }

    /** {@code {"action": "stop"}} (the reference page) becomes {@code {"command": "stop"}} (the published API). */
    static byte[] commandForAction(byte[] body) {
        if (body == null || body.length == 0) {
            return body;
        }
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree instanceof ObjectNode object && object.has("action") && !object.has("command")) {
                ObjectNode rewritten = JSON.createObjectNode();
                object.properties().forEach(field -> rewritten.set(
                        field.getKey().equals("action") ? "command" : field.getKey(), field.getValue()));
                return JSON.writeValueAsBytes(rewritten);
            }
        } catch (JacksonException notJson) {
            // Forwarded as sent: ClickHouse Cloud answers what is wrong with it.
        }
        return body;
    }

    private static String command(byte[] body) {
        try {
            JsonNode command = body == null ? null : JSON.readTree(body).get("command");
            return command != null && command.isString() ? command.asString() : "unknown";
        } catch (JacksonException notJson) {
            return "unknown";
        }
    }

    private static ProxyAnswer json(int status, byte[] body) {
        return new ProxyAnswer(status, MediaType.APPLICATION_JSON_VALUE, body, null);
    }
}
