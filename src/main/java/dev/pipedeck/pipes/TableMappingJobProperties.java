package dev.pipedeck.pipes;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a table mapping change waits for its pipe, and how long its record is kept
 * ({@code pipedeck.pipes.mapping-change.*}).
 *
 * @param pollInterval how often the pipe is read while waiting for it to pause or to settle (each read counts against
 *     the key's request budget, 10 per 10 s by default, so not much below 2 s)
 * @param pauseTimeout how long to wait for the pipe to reach Paused (and to settle after the change) before giving up
 * @param keepFinished how long a finished job stays in the database, visible on its page, before the cleanup deletes it
 * @param heartbeatTimeout how old the heartbeat of a running job (renewed by its instance every quarter of this) may
 *     be before the job counts as interrupted: its instance stopped. At least 10 s
 * @param cleanupInterval how often each instance deletes the jobs older than {@code keepFinished} and stores the
 *     running jobs whose heartbeat stopped as interrupted
 */
@ConfigurationProperties("pipedeck.pipes.mapping-change")
public record TableMappingJobProperties(
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("5m") Duration pauseTimeout,
        @DefaultValue("7d") Duration keepFinished,
        @DefaultValue("1m") Duration heartbeatTimeout,
        @DefaultValue("10m") Duration cleanupInterval) {

    static final Duration SHORTEST_HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

    public TableMappingJobProperties {
        pollInterval = positive(pollInterval, Duration.ofSeconds(2), "poll-interval");
        pauseTimeout = positive(pauseTimeout, Duration.ofMinutes(5), "pause-timeout");
        keepFinished = positive(keepFinished, Duration.ofDays(7), "keep-finished");
        heartbeatTimeout = positive(heartbeatTimeout, Duration.ofMinutes(1), "heartbeat-timeout");
        cleanupInterval = positive(cleanupInterval, Duration.ofMinutes(10), "cleanup-interval");
        if (heartbeatTimeout.compareTo(SHORTEST_HEARTBEAT_TIMEOUT) < 0) {
            throw new IllegalArgumentException("pipedeck.pipes.mapping-change.heartbeat-timeout must be at least "
                    + SHORTEST_HEARTBEAT_TIMEOUT.toSeconds() + "s (a busy instance would look stopped)");
        }
    }

    /** How often the instance running a job renews its heartbeat: a quarter of the timeout. */
    Duration heartbeatInterval() {
        return heartbeatTimeout.dividedBy(4);
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("pipedeck.pipes.mapping-change." + name + " must be positive");
        }
        return value;
    }
}
