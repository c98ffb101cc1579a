package dev.pipedeck.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A pipe's health from its points (oldest first), with the reason in words and when it was last seen. In order:
 * failed if the latest state is Failed, Degraded or InternalError; stalled if Running and the fetched-events counter
 * did not rise since the point at least {@code stall-after} older than the latest; erroring if the error counter
 * rose since the point at least {@code erroring-window} older (or since the first point, if the history is shorter);
 * unknown without points; healthy otherwise.
 */
public record HealthAssessment(PipeHealth health, String reason, @Nullable Instant lastSeen) {

    private static final Set<String> FAILED_STATES = Set.of("Failed", "Degraded", "InternalError");

    public static HealthAssessment of(List<MetricPoint> points, HealthProperties properties) {
        if (points.isEmpty()) {
            return new HealthAssessment(PipeHealth.UNKNOWN, "No metrics yet.", null);
        }
        MetricPoint latest = points.get(points.size() - 1);
        Instant seen = latest.bucketStart();
        if (latest.state() != null && FAILED_STATES.contains(latest.state())) {
            return new HealthAssessment(PipeHealth.FAILED, "The pipe is " + latest.state() + ".", seen);
        }
        MetricPoint stallReference = atOrBefore(points, seen.minus(properties.stallAfter()));
        if ("Running".equals(latest.state()) && stallReference != null && latest.fetchedEvents() != null
                && stallReference.fetchedEvents() != null
                && latest.fetchedEvents() <= stallReference.fetchedEvents()) {
            return new HealthAssessment(PipeHealth.STALLED, "Running, but no events fetched for "
                    + properties.stallAfter().toMinutes() + " minutes.", seen);
        }
        MetricPoint errorReference = atOrBefore(points, seen.minus(properties.erroringWindow()));
        if (errorReference == null) {
            errorReference = points.get(0);
        }
        if (errorReference != latest && latest.errors() != null && errorReference.errors() != null
                && latest.errors() > errorReference.errors()) {
            long rose = Math.round(latest.errors() - errorReference.errors());
            return new HealthAssessment(PipeHealth.ERRORING, rose + " new errors since "
                    + errorReference.bucketStart() + ".", seen);
        }
        return new HealthAssessment(PipeHealth.HEALTHY, Objects.requireNonNullElse(latest.state(), "No state")
                + ", no sign of trouble.", seen);
    }

    private static @Nullable MetricPoint atOrBefore(List<MetricPoint> points, Instant instant) {
        MetricPoint found = null;
        for (MetricPoint point : points) {
            if (point.bucketStart().isAfter(instant)) {
                break;
            }
            found = point;
        }
        return found;
    }
}
