package dev.pipedeck.pipes;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a table mapping change waits for its pipe ({@code pipedeck.pipes.mapping-change.*}).
 *
 * @param pollInterval how often the pipe is read while waiting for it to pause or to settle (each read counts against
 *     the key's request budget, 10 per 10 s by default, so not much below 2 s)
 * @param pauseTimeout how long to wait for the pipe to reach Paused (and to settle after the change) before giving up
 * @param keepFinished how long a finished job stays visible on its page (jobs live in memory only)
 */
@ConfigurationProperties("pipedeck.pipes.mapping-change")
public record TableMappingJobProperties(
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("5m") Duration pauseTimeout,
        @DefaultValue("24h") Duration keepFinished) {

    public TableMappingJobProperties {
        pollInterval = positive(pollInterval, Duration.ofSeconds(2), "poll-interval");
        pauseTimeout = positive(pauseTimeout, Duration.ofMinutes(5), "pause-timeout");
        keepFinished = positive(keepFinished, Duration.ofHours(24), "keep-finished");
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
