package dev.pipedeck.health;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One step of a pipe's history: rates per minute since the previous point (derived from the counters; a counter that
 * went down was reset upstream, and its new value counts as the increase), and the gauges as read at {@code at}.
 */
public record RatePoint(Instant at, @Nullable String state, @Nullable Double fetchedEventsPerMinute,
        @Nullable Double sentEventsPerMinute, @Nullable Double fetchedBytesPerMinute,
        @Nullable Double sentBytesPerMinute, @Nullable Double errorsPerMinute, @Nullable Double latencyMillis,
        @Nullable Double cpuUsageMillicores, @Nullable Double cpuLimitMillicores, @Nullable Double memoryUsageBytes,
        @Nullable Double memoryLimitBytes) {

    static RatePoint between(MetricPoint previous, MetricPoint current) {
        double minutes = Math.max(1, (current.bucketStart().getEpochSecond() - previous.bucketStart().getEpochSecond())
                / 60.0);
        return new RatePoint(current.bucketStart(), current.state(),
                rate(previous.fetchedEvents(), current.fetchedEvents(), minutes),
                rate(previous.sentEvents(), current.sentEvents(), minutes),
                rate(previous.fetchedBytes(), current.fetchedBytes(), minutes),
                rate(previous.sentBytes(), current.sentBytes(), minutes),
                rate(previous.errors(), current.errors(), minutes), current.latencyMillis(),
                current.cpuUsageMillicores(), current.cpuLimitMillicores(), current.memoryUsageBytes(),
                current.memoryLimitBytes());
    }

    private static @Nullable Double rate(@Nullable Double before, @Nullable Double after, double minutes) {
        if (before == null || after == null) {
            return null;
        }
        double increase = after >= before ? after - before : after;
        return increase / minutes;
    }
}
