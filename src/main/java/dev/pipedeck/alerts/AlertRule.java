package dev.pipedeck.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.pipedeck.health.PipeHealth;
import dev.pipedeck.health.SeenPipe;

/**
 * A rule: the pipes it watches ({@link #scope()} and the id that goes with it), the health states that fire, how long
 * a state must hold ({@link #holdFor()}) and how often a firing alert is sent again ({@link #repeatEvery()}, zero for
 * never), and the channels it notifies.
 */
public record AlertRule(long id, String name, RuleScope scope, @Nullable String organizationId,
        @Nullable String serviceId, @Nullable String pipeId, Set<PipeHealth> states, Duration holdFor,
        Duration repeatEvery, boolean enabled, List<Long> channelIds, Instant createdAt, Instant updatedAt) {

    public AlertRule {
        states = Set.copyOf(states);
        channelIds = List.copyOf(channelIds);
    }

    /** Whether the rule watches {@code pipe}. */
    public boolean watches(SeenPipe pipe) {
        return switch (scope) {
            case ALL -> true;
            case ORGANIZATION -> pipe.organizationId().equals(organizationId);
            case SERVICE -> pipe.serviceId().equals(serviceId);
            case PIPE -> pipe.pipeId().equals(pipeId);
        };
    }

    public boolean firesOn(PipeHealth health) {
        return states.contains(health);
    }

    /** The watched pipes in words: "All pipes", "Organization 1234…", "Service …", "Pipe …". */
    public String scopeDescription() {
        return switch (scope) {
            case ALL -> "All pipes";
            case ORGANIZATION -> "Organization " + organizationId;
            case SERVICE -> "Service " + serviceId;
            case PIPE -> "Pipe " + pipeId;
        };
    }

    /** The firing states in their usual order, lower-case, comma-separated. */
    public String statesDescription() {
        return sortedStates().stream().map(state -> state.name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    List<PipeHealth> sortedStates() {
        return java.util.Arrays.stream(PipeHealth.values()).filter(states::contains).toList();
    }

    public long holdForMinutes() {
        return holdFor.toMinutes();
    }

    public long repeatEveryMinutes() {
        return repeatEvery.toMinutes();
    }

    /** What audit records show of the rule (it holds no secret). */
    Map<String, Object> describe(Map<Long, String> channelNames) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", name);
        description.put("scope", scope.name());
        description.put("organizationId", organizationId);
        description.put("serviceId", serviceId);
        description.put("pipeId", pipeId);
        description.put("states", sortedStates().stream().map(PipeHealth::name).toList());
        description.put("forMinutes", holdForMinutes());
        description.put("repeatMinutes", repeatEveryMinutes());
        description.put("enabled", enabled);
        description.put("channels", channelIds.stream().map(id -> channelNames.getOrDefault(id, "#" + id)).toList());
        return description;
    }
}
