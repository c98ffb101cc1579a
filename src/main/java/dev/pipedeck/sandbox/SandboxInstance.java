package dev.pipedeck.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.pipedeck.cloud.ServiceCommand;
import tools.jackson.databind.node.ObjectNode;

/**
 * A ClickHouse service of the sandbox organization (an "instance" in the API's operation names): its state over time
 * and the compute its database pipes share. Not thread-safe: {@link SandboxCloud} guards it.
 */
final class SandboxInstance {

    static final String RUNNING = "running";
    static final String IDLE = "idle";

    private final String id;
    private final String name;
    private final String region;
    private final String environment;
    private final boolean idleScaling;
    private final Instant createdAt;
    private final Clock clock;
    private Timeline<String> timeline;
    private long cdcCpuMillicores = 2000;
    private double cdcMemoryGb = 8;

    SandboxInstance(String id, String name, String region, String environment, boolean idleScaling,
            Instant createdAt, Clock clock) {
        this.id = id;
        this.name = name;
        this.region = region;
        this.environment = environment;
        this.idleScaling = idleScaling;
        this.createdAt = createdAt;
        this.clock = clock;
        this.timeline = Timeline.plan(createdAt, Duration.ZERO, RUNNING::equals, List.of(RUNNING));
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    String state() {
        return timeline.stateAt(clock.instant());
    }

    /** Scales the service to zero, as ClickHouse Cloud does after the idle timeout. */
    void becomeIdle() {
        timeline = timeline.then(clock.instant(), Duration.ZERO, List.of(IDLE));
    }

    /** Start and awake wake an idle service (awaking → running) or start a stopped one; stop stops it. */
    void command(ServiceCommand command, Duration delay) {
        String state = state();
        Instant now = clock.instant();
        switch (command) {
            case START, AWAKE -> {
                if (IDLE.equals(state)) {
                    timeline = timeline.then(now, delay, List.of("awaking", RUNNING));
                } else if ("stopped".equals(state) || "stopping".equals(state)) {
                    timeline = timeline.then(now, delay, List.of("starting", RUNNING));
                }
            }
            case STOP -> {
                if (!"stopped".equals(state) && !"stopping".equals(state)) {
                    timeline = timeline.then(now, delay, List.of("stopping", "stopped"));
                }
            }
        }
    }

    /** ClickPipes calls are served only while the service runs; otherwise 424 naming its state. */
    void requireRunning() {
        String state = state();
        if (!RUNNING.equals(state)) {
            throw SandboxApiException.serviceNotRunning(id, state);
        }
    }

    long cdcCpuMillicores() {
        return cdcCpuMillicores;
    }

    double cdcMemoryGb() {
        return cdcMemoryGb;
    }

    void scaleCdc(long cpuMillicores, double memoryGb) {
        this.cdcCpuMillicores = cpuMillicores;
        this.cdcMemoryGb = memoryGb;
    }

    ObjectNode cdcScalingJson() {
        ObjectNode json = SandboxWire.NODES.objectNode();
        json.put("replicaCpuMillicores", cdcCpuMillicores);
        json.put("replicaMemoryGb", cdcMemoryGb);
        return json;
    }

    /** The service as the API answers it (schema {@code Service}). */
    ObjectNode toJson() {
        String host = id.substring(0, 8) + "." + region + ".aws.clickhouse.cloud";
        ObjectNode json = SandboxWire.NODES.objectNode();
        json.put("id", id);
        json.put("name", name);
        json.put("provider", "aws");
        json.put("region", region);
        json.put("state", state());
        json.put("clickhouseVersion", "25.8.1.8344");
        var endpoints = json.putArray("endpoints");
        endpoints.addObject().put("protocol", "https").put("host", host).put("port", 8443);
        endpoints.addObject().put("protocol", "nativesecure").put("host", host).put("port", 9440);
        json.put("minReplicaMemoryGb", 8);
        json.put("maxReplicaMemoryGb", 32);
        json.put("numReplicas", 2);
        json.put("autoscalingMode", "vertical");
        json.put("idleScaling", idleScaling);
        json.put("idleTimeoutMinutes", 15);
        json.putArray("ipAccessList").addObject().put("source", "0.0.0.0/0").put("description", "anywhere");
        json.put("createdAt", createdAt.truncatedTo(ChronoUnit.SECONDS).toString());
        json.putArray("privateEndpointIds");
        json.put("isPrimary", true);
        json.put("isReadonly", false);
        json.put("releaseChannel", "default");
        json.putArray("tags").addObject().put("key", "env").put("value", environment);
        ObjectNode scaling = json.putObject("currentScaling");
        scaling.put("effectiveAutoscalingMode", "vertical");
        scaling.put("effectiveMinReplicaMemoryGb", 8);
        scaling.put("effectiveMaxReplicaMemoryGb", 32);
        scaling.put("effectiveIdleScaling", idleScaling);
        scaling.put("effectiveIdleTimeoutMinutes", 15);
        return json;
    }
}
