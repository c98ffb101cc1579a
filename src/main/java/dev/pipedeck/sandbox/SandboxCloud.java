package dev.pipedeck.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.pipedeck.cloud.ServiceCommand;
import dev.pipedeck.cloud.clickpipe.ClickPipeState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fake ClickHouse Cloud behind {@code /sandbox/v1}: one organization, its services, their ClickPipes and reverse
 * private endpoints, all in memory. Every operation checks its input as the real API does, answers the {@code result}
 * the real API would, and runs under one lock, so concurrent callers see consistent state.
 */
@Component
class SandboxCloud {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final SandboxProperties properties;
    private final Clock clock;
    private final SandboxFaults faults;
    private final SandboxKeys keys;
    private final Map<String, SandboxInstance> services = new LinkedHashMap<>();
    private final Map<String, SandboxPipe> pipes = new LinkedHashMap<>();
    private final Map<String, SandboxEndpoint> endpoints = new LinkedHashMap<>();

    SandboxCloud(SandboxProperties properties, Clock clock, SandboxFaults faults, SandboxKeys keys) {
        this.properties = properties;
        this.clock = clock;
        this.faults = faults;
        this.keys = keys;
        if (properties.enabled()) {
            reset();
        }
    }

    // ---- organization, keys, services ----

    synchronized ObjectNode organization(String organizationId) {
        requireOrganization(organizationId);
        ObjectNode json = SandboxWire.NODES.objectNode();
        json.put("id", SandboxSeed.ORGANIZATION_ID);
        json.put("name", SandboxSeed.ORGANIZATION_NAME);
        json.put("createdAt", SandboxSeed.ORGANIZATION_CREATED_AT.toString());
        json.putArray("privateEndpoints");
        json.putArray("byocConfig");
        json.put("enableCoreDumps", false);
        return json;
    }

    ArrayNode apiKeys(String organizationId) {
        synchronized (this) {
            requireOrganization(organizationId);
        }
        ArrayNode list = keys.listJson(SandboxSeed.ORGANIZATION_CREATED_AT);
        if (faults.hostileStrings()) {
            list.forEach(key -> ((ObjectNode) key).put("name", key.path("name").asString() + " "
                    + SandboxFaults.HOSTILE_SCRIPT));
        }
        return list;
    }

    synchronized ArrayNode services(String organizationId) {
        requireOrganization(organizationId);
        ArrayNode list = SandboxWire.NODES.arrayNode();
        services.values().forEach(service -> list.add(service.toJson()));
        return list;
    }

    synchronized ObjectNode service(String organizationId, String serviceId) {
        return requireService(organizationId, serviceId).toJson();
    }

    synchronized ObjectNode changeServiceState(String organizationId, String serviceId, JsonNode body) {
        SandboxInstance service = requireService(organizationId, serviceId);
        service.command(PipeRules.serviceCommand(body), properties.transitionDelay());
        return service.toJson();
    }

    // ---- ClickPipes ----

    synchronized ArrayNode pipes(String organizationId, String serviceId) {
        requireRunningService(organizationId, serviceId);
        ArrayNode list = SandboxWire.NODES.arrayNode();
        pipes.values().stream().filter(pipe -> pipe.serviceId().equals(serviceId))
                .forEach(pipe -> list.add(pipe.toJson()));
        return list;
    }

    synchronized ObjectNode createPipe(String organizationId, String serviceId, JsonNode body) {
        requireRunningService(organizationId, serviceId);
        SourceKind kind = PipeRules.create(body);
        String id = UUID.randomUUID().toString();
        SandboxPipe pipe = SandboxPipe.created(id, serviceId, kind, body, clock, properties.transitionDelay(),
                SandboxPipe.Throughput.healthy(id));
        pipes.put(id, pipe);
        return pipe.toJson();
    }

    synchronized ObjectNode pipe(String organizationId, String serviceId, String pipeId) {
        return requirePipe(organizationId, serviceId, pipeId).toJson();
    }

    synchronized ObjectNode patchPipe(String organizationId, String serviceId, String pipeId, JsonNode body) {
        SandboxPipe pipe = requirePipe(organizationId, serviceId, pipeId);
        if (PipeRules.patch(body, pipe)) {
            pipe.patch(body, properties.transitionDelay());
        }
        return pipe.toJson();
    }

    synchronized void deletePipe(String organizationId, String serviceId, String pipeId) {
        requirePipe(organizationId, serviceId, pipeId);
        pipes.remove(pipeId);
    }

    synchronized ObjectNode pipeSettings(String organizationId, String serviceId, String pipeId) {
        return requirePipe(organizationId, serviceId, pipeId).settingsJson();
    }

    synchronized ObjectNode mergePipeSettings(String organizationId, String serviceId, String pipeId, JsonNode body) {
        SandboxPipe pipe = requirePipe(organizationId, serviceId, pipeId);
        pipe.mergeSettings(PipeRules.settings(body));
        return pipe.settingsJson();
    }

    synchronized ObjectNode scalePipe(String organizationId, String serviceId, String pipeId, JsonNode body) {
        SandboxPipe pipe = requirePipe(organizationId, serviceId, pipeId);
        PipeRules.scaling(body, pipe);
        pipe.scale(body);
        return pipe.toJson();
    }

    synchronized ObjectNode changePipeState(String organizationId, String serviceId, String pipeId, JsonNode body) {
        SandboxPipe pipe = requirePipe(organizationId, serviceId, pipeId);
        pipe.command(PipeRules.stateCommand(body), properties.transitionDelay());
        return pipe.toJson();
    }

    synchronized ObjectNode cdcScaling(String organizationId, String serviceId) {
        return requireDatabasePipes(organizationId, serviceId).cdcScalingJson();
    }

    synchronized ObjectNode scaleCdc(String organizationId, String serviceId, JsonNode body) {
        SandboxInstance service = requireDatabasePipes(organizationId, serviceId);
        PipeRules.cdcScaling(body);
        service.scaleCdc(body.get("replicaCpuMillicores").asLong(), body.get("replicaMemoryGb").asDouble());
        return service.cdcScalingJson();
    }

    synchronized ObjectNode discoverSchema(String organizationId, String serviceId, JsonNode body) {
        requireRunningService(organizationId, serviceId);
        SourceKind kind = PipeRules.schemaDiscovery(body);
        JsonNode source = body.get("source").get(kind.wireName());
        ObjectNode discovered = SampleSchema.discovered(kind, source);
        if (faults.hostileStrings()) {
            ((ArrayNode) discovered.get("fields")).addObject().put("name", SandboxFaults.HOSTILE_ATTRIBUTE)
                    .put("type", "String").put("optional", false);
            ((ArrayNode) discovered.get("fields")).addObject().put("name", SandboxFaults.HOSTILE_SCRIPT)
                    .put("type", "String").put("optional", true);
        }
        return discovered;
    }

    // ---- reverse private endpoints ----

    synchronized ArrayNode endpoints(String organizationId, String serviceId) {
        requireRunningService(organizationId, serviceId);
        ArrayNode list = SandboxWire.NODES.arrayNode();
        endpoints.values().stream().filter(endpoint -> endpoint.serviceId().equals(serviceId))
                .forEach(endpoint -> list.add(endpoint.toJson()));
        return list;
    }

    synchronized ObjectNode createEndpoint(String organizationId, String serviceId, JsonNode body) {
        requireRunningService(organizationId, serviceId);
        EndpointRules.create(body, dnsNamesInUse(serviceId, null));
        SandboxEndpoint endpoint = new SandboxEndpoint(UUID.randomUUID().toString(), serviceId, body, clock,
                properties.transitionDelay());
        endpoints.put(endpoint.id(), endpoint);
        return endpoint.toJson();
    }

    synchronized ObjectNode endpoint(String organizationId, String serviceId, String endpointId) {
        return requireEndpoint(organizationId, serviceId, endpointId).toJson();
    }

    synchronized ObjectNode updateEndpoint(String organizationId, String serviceId, String endpointId,
            JsonNode body) {
        SandboxEndpoint endpoint = requireEndpoint(organizationId, serviceId, endpointId);
        EndpointRules.update(body, dnsNamesInUse(serviceId, endpointId));
        endpoint.update(body);
        return endpoint.toJson();
    }

    synchronized void deleteEndpoint(String organizationId, String serviceId, String endpointId) {
        requireEndpoint(organizationId, serviceId, endpointId);
        endpoints.remove(endpointId);
    }

    // ---- metrics ----

    /** Prometheus text of every service, or of one when {@code serviceId} is given. */
    String prometheus(String organizationId, String serviceId, String filteredMetrics) {
        boolean filtered = MetricsExposition.filtered(filteredMetrics);
        List<MetricsExposition.ServiceSample> serviceSamples = new ArrayList<>();
        List<MetricsExposition.PipeSample> pipeSamples = new ArrayList<>();
        synchronized (this) {
            requireOrganization(organizationId);
            if (serviceId != null) {
                requireService(organizationId, serviceId);
            }
            for (SandboxInstance service : services.values()) {
                if (serviceId == null || service.id().equals(serviceId)) {
                    serviceSamples.add(new MetricsExposition.ServiceSample(service.id(), service.name(),
                            service.state(), service.cdcCpuMillicores(), service.cdcMemoryGb()));
                }
            }
            for (SandboxPipe pipe : pipes.values()) {
                if (serviceId == null || pipe.serviceId().equals(serviceId)) {
                    pipeSamples.add(pipe.sample());
                }
            }
        }
        return MetricsExposition.render(SandboxSeed.ORGANIZATION_ID, serviceSamples, pipeSamples, filtered);
    }

    // ---- control ----

    /** Scales a service to zero: its ClickPipes calls answer 424 until it is woken. */
    synchronized void makeIdle(String serviceId) {
        requireKnownService(serviceId).becomeIdle();
    }

    /** Wakes an idle (or starts a stopped) service, as {@code {"command":"start"}} does. */
    synchronized void wake(String serviceId) {
        requireKnownService(serviceId).command(ServiceCommand.START, properties.transitionDelay());
    }

    /** Adds or removes the pipes, the service and the endpoint whose names are markup. */
    synchronized void showHostilePipes(boolean show) {
        Instant now = clock.instant();
        for (SandboxSeed.SeedPipe seed : SandboxSeed.hostile()) {
            if (show && !pipes.containsKey(seed.id())) {
                plant(seed, now);
            } else if (!show) {
                pipes.remove(seed.id());
            }
        }
        SandboxSeed.SeedService hostileService = SandboxSeed.hostileService();
        if (show) {
            services.computeIfAbsent(hostileService.id(), id -> instance(hostileService));
            endpoints.computeIfAbsent(SandboxSeed.hostileEndpointId(), id -> new SandboxEndpoint(id,
                    SandboxSeed.PRODUCTION_ID, SandboxSeed.hostileEndpoint(), clock, Duration.ZERO));
        } else {
            services.remove(hostileService.id());
            endpoints.remove(SandboxSeed.hostileEndpointId());
        }
    }

    /** Everything back to how it started: services, pipes, endpoints (faults are reset by their owner). */
    final synchronized void reset() {
        Instant now = clock.instant();
        services.clear();
        pipes.clear();
        endpoints.clear();
        for (SandboxSeed.SeedService seed : SandboxSeed.services()) {
            services.put(seed.id(), instance(seed));
        }
        if (properties.faults().stagingIdle()) {
            services.get(SandboxSeed.STAGING_ID).becomeIdle();
        }
        SandboxSeed.examples(properties.transitionDelay().multipliedBy(20)).forEach(seed -> plant(seed, now));
        SandboxSeed.generated(properties.seedPipes()).forEach(seed -> plant(seed, now));
        SandboxEndpoint endpoint = new SandboxEndpoint(SandboxSeed.endpointId(), SandboxSeed.PRODUCTION_ID,
                SandboxSeed.endpoint(), clock, Duration.ZERO);
        endpoints.put(endpoint.id(), endpoint);
        if (faults.hostileStrings()) {
            showHostilePipes(true);
        }
    }

    private SandboxInstance instance(SandboxSeed.SeedService seed) {
        return new SandboxInstance(seed.id(), seed.name(), seed.region(), seed.environment(), seed.idleScaling(),
                seed.createdAt(), clock);
    }

    /** What the admin page shows. */
    synchronized Summary summary() {
        List<ServiceSummary> serviceSummaries = new ArrayList<>();
        for (SandboxInstance service : services.values()) {
            long count = pipes.values().stream().filter(pipe -> pipe.serviceId().equals(service.id())).count();
            serviceSummaries.add(new ServiceSummary(service.id(), service.name(), service.state(), count));
        }
        Map<String, Long> byState = new TreeMap<>();
        pipes.values().forEach(pipe -> byState.merge(pipe.currentState().wireName(), 1L, Long::sum));
        return new Summary(serviceSummaries, Map.copyOf(byState), pipes.size(), endpoints.size());
    }

    /**
     * The sandbox at a glance.
     *
     * @param services each service, its state and pipe count
     * @param pipesByState how many pipes are in each state
     * @param pipes all pipes
     * @param endpoints all reverse private endpoints
     */
    record Summary(List<ServiceSummary> services, Map<String, Long> pipesByState, int pipes, int endpoints) {
    }

    record ServiceSummary(String id, String name, String state, long pipes) {
    }

    // ---- internals ----

    private void plant(SandboxSeed.SeedPipe seed, Instant now) {
        SourceKind kind = PipeRules.create(seed.body());
        Instant createdAt = now.minus(seed.age());
        Timeline<ClickPipeState> timeline;
        if (seed.state().isTransitional()) {
            timeline = Timeline.plan(createdAt, seed.settlesAfter(), SandboxPipe::isRunning,
                    List.of(seed.state(), ClickPipeState.RUNNING));
        } else {
            timeline = Timeline.plan(createdAt, Duration.ZERO, SandboxPipe::isRunning, List.of(seed.state()));
            if (seed.state() != ClickPipeState.RUNNING) {
                timeline = timeline.withCountedBefore(seed.age().dividedBy(2));
            }
        }
        SandboxPipe.Throughput throughput = SandboxPipe.Throughput.healthy(seed.id());
        throughput = switch (seed.behaviour()) {
            case STALLED -> throughput.stalledAfter(timeline.countedTime(now).minus(Duration.ofMinutes(20)));
            case ERRORING -> throughput.erroring(0.8);
            case HEALTHY -> throughput;
        };
        pipes.put(seed.id(), SandboxPipe.existing(seed.id(), seed.serviceId(), kind, seed.body(), createdAt, timeline,
                clock, throughput));
    }

    private List<String> dnsNamesInUse(String serviceId, String exceptEndpointId) {
        List<String> names = new ArrayList<>();
        endpoints.values().stream()
                .filter(endpoint -> endpoint.serviceId().equals(serviceId) && !endpoint.id().equals(exceptEndpointId))
                .forEach(endpoint -> names.addAll(endpoint.privateDnsNames()));
        return names;
    }

    private static void requireOrganization(String organizationId) {
        requireUuid("organizationId", organizationId);
        if (!SandboxSeed.ORGANIZATION_ID.equalsIgnoreCase(organizationId)) {
            throw SandboxApiException.forbidden("The API key has no access to organization " + organizationId);
        }
    }

    private SandboxInstance requireService(String organizationId, String serviceId) {
        requireOrganization(organizationId);
        requireUuid("serviceId", serviceId);
        return requireKnownService(serviceId);
    }

    private SandboxInstance requireKnownService(String serviceId) {
        SandboxInstance service = services.get(serviceId);
        if (service == null) {
            throw SandboxApiException.notFound("Service " + serviceId + " not found");
        }
        return service;
    }

    /** ClickPipes calls need the service running: 424 otherwise. */
    private SandboxInstance requireRunningService(String organizationId, String serviceId) {
        SandboxInstance service = requireService(organizationId, serviceId);
        service.requireRunning();
        return service;
    }

    private SandboxPipe requirePipe(String organizationId, String serviceId, String pipeId) {
        requireRunningService(organizationId, serviceId);
        requireUuid("clickPipeId", pipeId);
        SandboxPipe pipe = pipes.get(pipeId);
        if (pipe == null || !pipe.serviceId().equals(serviceId)) {
            throw SandboxApiException.notFound("ClickPipe " + pipeId + " not found in service " + serviceId);
        }
        return pipe;
    }

    /** CDC scaling exists once the service has a database pipe. */
    private SandboxInstance requireDatabasePipes(String organizationId, String serviceId) {
        SandboxInstance service = requireRunningService(organizationId, serviceId);
        boolean any = pipes.values().stream()
                .anyMatch(pipe -> pipe.serviceId().equals(serviceId) && pipe.kind().isDatabase());
        if (!any) {
            throw SandboxApiException.notFound("CDC scaling of service " + serviceId + " is not available: it "
                    + "becomes available once at least one database ClickPipe was provisioned");
        }
        return service;
    }

    private SandboxEndpoint requireEndpoint(String organizationId, String serviceId, String endpointId) {
        requireRunningService(organizationId, serviceId);
        requireUuid("reversePrivateEndpointId", endpointId);
        SandboxEndpoint endpoint = endpoints.get(endpointId);
        if (endpoint == null || !endpoint.serviceId().equals(serviceId)) {
            throw SandboxApiException.notFound("Reverse private endpoint " + endpointId + " not found in service "
                    + serviceId);
        }
        return endpoint;
    }

    private static void requireUuid(String name, String value) {
        if (value == null || !UUID_TEXT.matcher(value).matches()) {
            throw SandboxApiException.badRequest(name, "must be a UUID");
        }
    }
}
