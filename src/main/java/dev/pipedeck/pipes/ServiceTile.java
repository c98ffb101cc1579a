package dev.pipedeck.pipes;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.Service;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeState;

/**
 * One service on the dashboard: its state, how many of its pipes are in each state, and the pipes that need a person
 * (Failed, Degraded, InternalError, or Paused for long). An idle or waking service was not asked for its pipes
 * ({@code pipesRead} is false): ClickPipes calls fail until it runs. {@code problem} is why its pipes (or, for a tile
 * read on its own, the service) could not be read; it hides nothing else on the page.
 */
public record ServiceTile(String organizationId, String serviceId, String name, String state, String provider,
        String region, boolean pipesRead, int pipeCount, List<StateCount> counts, List<AttentionItem> attention,
        CloudProblem problem) {

    /** Service states that settle on their own; a tile showing one keeps itself current. */
    private static final Set<String> SETTLING_STATES = Set.of("starting", "stopping", "terminating", "softdeleting",
            "awaking", "provisioning", "partially_running");
    private static final String AWAKING = "awaking";

    /** Whether the dashboard asks this service for its pipes: not while it is idle or still waking up. */
    static boolean servesPipes(Service service) {
        return !service.isIdle() && !AWAKING.equals(service.state());
    }

    /** A service whose pipes were read: counted by state, and those needing attention picked out. */
    static ServiceTile of(String organizationId, Service service, List<ClickPipe> pipes, Instant now,
            Duration pausedAttentionAfter) {
        Map<ClickPipeState, Long> byState = new EnumMap<>(ClickPipeState.class);
        for (ClickPipe pipe : pipes) {
            byState.merge(stateOf(pipe), 1L, Long::sum);
        }
        List<StateCount> counts = byState.entrySet().stream()
                .map(entry -> new StateCount(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingInt(StateCount::rank))
                .toList();
        List<AttentionItem> attention = pipes.stream()
                .map(pipe -> AttentionItem.of(new ServiceRef(organizationId, service.id()), pipe, now,
                        pausedAttentionAfter))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing((AttentionItem item) -> item.state() == ClickPipeState.PAUSED)
                        .thenComparing(item -> item.name() == null ? "" : item.name().toLowerCase()))
                .toList();
        return new ServiceTile(organizationId, service.id(), service.name(), service.state(), service.provider(),
                service.region(), true, pipes.size(), counts, attention, null);
    }

    /** An idle or waking service: shown with its state only. */
    static ServiceTile notAsked(String organizationId, Service service) {
        return new ServiceTile(organizationId, service.id(), service.name(), service.state(), service.provider(),
                service.region(), false, 0, List.of(), List.of(), null);
    }

    /** A service whose pipes could not be listed. */
    static ServiceTile failed(String organizationId, Service service, CloudProblem problem) {
        return new ServiceTile(organizationId, service.id(), service.name(), service.state(), service.provider(),
                service.region(), false, 0, List.of(), List.of(), problem);
    }

    /** A tile read on its own whose service could not be read. */
    static ServiceTile unreadable(ServiceRef service, CloudProblem problem) {
        return new ServiceTile(service.organizationId(), service.serviceId(), service.serviceId(), null, null, null,
                false, 0, List.of(), List.of(), problem);
    }

    private static ClickPipeState stateOf(ClickPipe pipe) {
        return pipe.state() == null ? ClickPipeState.UNKNOWN : pipe.state();
    }

    public boolean idle() {
        return Service.STATE_IDLE.equals(state);
    }

    public boolean waking() {
        return AWAKING.equals(state);
    }

    /** Whether something on the tile settles on its own (the service's state or a pipe's), so it should refresh. */
    public boolean settling() {
        return state != null && SETTLING_STATES.contains(state)
                || counts.stream().anyMatch(count -> count.state().isTransitional());
    }

    /** The service state's colour class: ok, warn, danger, transient or neutral. */
    public String stateTone() {
        if (state == null) {
            return "neutral";
        }
        if (SETTLING_STATES.contains(state)) {
            return "transient";
        }
        return switch (state) {
            case "running" -> "ok";
            case "idle", "stopped" -> "warn";
            case "failed", "degraded" -> "danger";
            default -> "neutral";
        };
    }

    public String displayName() {
        return name == null || name.isBlank() ? serviceId : name;
    }

    /** The service's pipes list, relative to the context path. */
    public String pipesPath() {
        return new ServiceRef(organizationId, serviceId).path() + "/pipes";
    }

    /** How many pipes are in {@code state} (the Thymeleaf side asks by count, not by map). */
    public record StateCount(ClickPipeState state, long count) {

        public String label() {
            return state.wireName();
        }

        public String tone() {
            return PipeSummary.toneOf(state);
        }

        /** Healthy first, then settling, stopped or paused, failing, and unknown last (stable within a tone). */
        int rank() {
            int tone = switch (tone()) {
                case "ok" -> 0;
                case "transient" -> 1;
                case "warn" -> 2;
                case "danger" -> 3;
                default -> 4;
            };
            return tone * 100 + state.ordinal();
        }
    }

    /** A pipe a person should look at, and why. */
    public record AttentionItem(String pipeId, String name, ClickPipeState state, String reason, String path) {

        /** The pipe as an attention item, or null when it is fine. */
        static AttentionItem of(ServiceRef service, ClickPipe pipe, Instant now, Duration pausedAttentionAfter) {
            ClickPipeState state = stateOf(pipe);
            String reason = switch (state) {
                case FAILED, DEGRADED, INTERNAL_ERROR -> state.wireName();
                case PAUSED -> pausedSince(pipe.updatedAt(), now, pausedAttentionAfter);
                default -> null;
            };
            if (reason == null || pipe.id() == null) {
                return null;
            }
            return new AttentionItem(pipe.id(), pipe.name() == null || pipe.name().isBlank() ? pipe.id() : pipe.name(),
                    state, reason, service.pipe(pipe.id()).path());
        }

        /** "Paused for 3 days" when paused longer than the limit; null while it is not (or it cannot be told). */
        private static String pausedSince(Instant updatedAt, Instant now, Duration limit) {
            if (updatedAt == null || !updatedAt.isBefore(now.minus(limit))) {
                return null;
            }
            return "Paused for " + readable(Duration.between(updatedAt, now));
        }

        static String readable(Duration age) {
            if (age.toDays() >= 2) {
                return age.toDays() + " days";
            }
            if (age.toHours() >= 2) {
                return age.toHours() + " hours";
            }
            long minutes = Math.max(1, age.toMinutes());
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }

        public String tone() {
            return PipeSummary.toneOf(state);
        }

        public String stateLabel() {
            return state.wireName();
        }
    }
}
