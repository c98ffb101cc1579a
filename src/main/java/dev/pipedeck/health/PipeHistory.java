package dev.pipedeck.health;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** One pipe's stored points (oldest first) and the name its newest scrape gave it. */
public record PipeHistory(String pipeId, @Nullable String pipeName, List<MetricPoint> points) {

    public PipeHistory {
        points = List.copyOf(points);
    }
}
