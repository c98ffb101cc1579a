package dev.pipedeck.health;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One stored reading of a pipe: the bucket it stands for and what the scrape said then. */
public record MetricPoint(Instant bucketStart, int resolutionMinutes, @Nullable String state,
        @Nullable Double fetchedEvents, @Nullable Double sentEvents, @Nullable Double fetchedBytes,
        @Nullable Double sentBytes, @Nullable Double errors, @Nullable Double latencyMillis,
        @Nullable Double cpuUsageMillicores, @Nullable Double cpuLimitMillicores, @Nullable Double memoryUsageBytes,
        @Nullable Double memoryLimitBytes) {
}
