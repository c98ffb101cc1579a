package dev.pipedeck.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reverse private endpoint of a service: created Provisioning, Ready once the transition delay has passed. Not
 * thread-safe: {@link SandboxCloud} guards it.
 */
final class SandboxEndpoint {

    private final String id;
    private final String serviceId;
    private final ObjectNode fields;
    private final String endpointId;
    private final Clock clock;
    private final Timeline<String> status;

    SandboxEndpoint(String id, String serviceId, JsonNode body, Clock clock, Duration delay) {
        this.id = id;
        this.serviceId = serviceId;
        this.fields = StoredBody.of(body);
        this.endpointId = "vpce-" + id.replace("-", "").substring(0, 17).toLowerCase(Locale.ROOT);
        this.clock = clock;
        this.status = Timeline.plan(clock.instant(), delay, "Ready"::equals, List.of("Provisioning", "Ready"));
    }

    String id() {
        return id;
    }

    String serviceId() {
        return serviceId;
    }

    /** The private DNS names this endpoint claims. */
    List<String> privateDnsNames() {
        return fields.path("customPrivateDnsMappings").valueStream()
                .map(mapping -> mapping.path("privateDnsName").asString(""))
                .filter(name -> !name.isEmpty())
                .toList();
    }

    /** Replaces the custom private DNS names (the spec's PATCH is a full replacement). */
    void update(JsonNode body) {
        JsonNode mappings = body.get("customPrivateDnsMappings");
        if (mappings != null && mappings.isArray()) {
            fields.set("customPrivateDnsMappings", StoredBody.ofArray(mappings));
        }
    }

    /** The endpoint as the API answers it (schema {@code ReversePrivateEndpoint}). */
    ObjectNode toJson() {
        ObjectNode json = fields.deepCopy();
        json.put("id", id);
        json.put("serviceId", serviceId);
        json.put("endpointId", endpointId);
        json.putArray("dnsNames").add(endpointId + ".vpce-svc.us-east-1.vpce.amazonaws.com");
        ArrayNode privateNames = json.putArray("privateDnsNames");
        privateDnsNames().forEach(privateNames::add);
        if (!json.has("customPrivateDnsMappings")) {
            json.putArray("customPrivateDnsMappings");
        }
        json.put("status", status.stateAt(clock.instant()));
        return json;
    }
}
