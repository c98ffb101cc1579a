package dev.pipedeck.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** What the console shows about a pipe's health: its assessment and its recent history as rates per minute. */
@Service
public class PipeHealthQueries {

    /** Extra history read before the assessment's windows, so a missed scrape does not hide a reference point. */
    private static final Duration SLACK = Duration.ofMinutes(5);

    private final PipeMetricStore store;
    private final HealthProperties properties;
    private final Clock clock;

    public PipeHealthQueries(PipeMetricStore store, HealthProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @PreAuthorize("hasRole('VIEWER')")
    public HealthAssessment health(String pipeId) {
        Instant since = clock.instant().minus(assessmentSpan(properties));
        return HealthAssessment.of(store.points(pipeId, since), properties);
    }

    /** How much recent history an assessment reads: the longer of its windows, and some slack. */
    static Duration assessmentSpan(HealthProperties properties) {
        Duration window = properties.stallAfter().compareTo(properties.erroringWindow()) > 0 ? properties.stallAfter()
                : properties.erroringWindow();
        return window.plus(SLACK);
    }

    /** Rates per minute over the last {@code window}, oldest first (one fewer than the points read). */
    @PreAuthorize("hasRole('VIEWER')")
    public List<RatePoint> history(String pipeId, Duration window) {
        List<MetricPoint> points = store.points(pipeId, clock.instant().minus(window));
        List<RatePoint> rates = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            rates.add(RatePoint.between(points.get(i - 1), points.get(i)));
        }
        return rates;
    }
}
