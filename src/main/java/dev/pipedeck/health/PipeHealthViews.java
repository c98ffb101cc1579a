package dev.pipedeck.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Pipe health as the pages picture it: the pipe page's charts over a window, and the badges and last-hour sparklines
 * of the pipes list and the dashboard, many pipes from one query. Reads the stored history only (never ClickHouse
 * Cloud). Rates come from consecutive points (one point before a window is read too, for the window's first rate),
 * so wider (downsampled) buckets chart at the right height; points
 * further apart than the collector's usual step leave a hole in the lines rather than a line across the outage.
 */
@Service
public class PipeHealthViews {

    static final Duration SPARKLINE_SPAN = Duration.ofHours(1);
    private static final String SPARKLINE_SPAN_WORDS = "the last hour";
    /** Points this many usual steps apart (or more) have a hole between them. */
    private static final double GAP_FACTOR = 2.5;

    private final PipeMetricStore store;
    private final HealthProperties properties;
    private final Clock clock;

    public PipeHealthViews(PipeMetricStore store, HealthProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** The pipe page's health section: assessment and the six charts over {@code window}, from one query. */
    @PreAuthorize("hasRole('VIEWER')")
    public PipeHealthPanel panel(String pipeId, ChartWindow window) {
        Instant now = clock.instant();
        Instant start = now.minus(window.span());
        Instant assessedSince = now.minus(PipeHealthQueries.assessmentSpan(properties));
        List<MetricPoint> points = store.points(pipeId, earlier(start.minus(lead()), assessedSince));
        HealthAssessment assessment = HealthAssessment.of(since(points, assessedSince), properties);
        List<RatePoint> rates = rates(points);
        return new PipeHealthPanel(assessment, window, charts(rates, window, start, now), properties.collect(),
                properties.scrapeInterval());
    }

    /** The badge and sparkline of each of {@code pipeIds} (every id gets one), read in one query. */
    @PreAuthorize("hasRole('VIEWER')")
    public Map<String, PipeHealthCell> cells(Collection<String> pipeIds) {
        Instant now = clock.instant();
        Map<String, List<MetricPoint>> byPipe = store.points(pipeIds, cellsSince(now));
        Map<String, PipeHealthCell> cells = new LinkedHashMap<>();
        for (String pipeId : pipeIds) {
            cells.put(pipeId, cell(pipeId, null, byPipe.getOrDefault(pipeId, List.of()), now));
        }
        return cells;
    }

    /**
     * A service's pipes counted by health, and its stalled and erroring pipes with badge and sparkline: the recent
     * points of every pipe for the counts, then the last hour of just those few for their sparklines (two queries).
     */
    @PreAuthorize("hasRole('VIEWER')")
    public ServiceHealth service(String organizationId, String serviceId) {
        Instant now = clock.instant();
        Map<PipeHealth, Integer> counts = new EnumMap<>(PipeHealth.class);
        Map<String, PipeHistory> needingAttention = new LinkedHashMap<>();
        Map<String, HealthAssessment> assessments = new LinkedHashMap<>();
        for (PipeHistory history : store.pointsOfService(organizationId, serviceId,
                now.minus(PipeHealthQueries.assessmentSpan(properties)))) {
            HealthAssessment assessment = HealthAssessment.of(history.points(), properties);
            if (assessment.health() == PipeHealth.UNKNOWN) {
                continue;
            }
            counts.merge(assessment.health(), 1, Integer::sum);
            if (assessment.health() == PipeHealth.STALLED || assessment.health() == PipeHealth.ERRORING) {
                needingAttention.put(history.pipeId(), history);
                assessments.put(history.pipeId(), assessment);
            }
        }
        Map<String, List<MetricPoint>> lastHour = needingAttention.isEmpty() ? Map.of()
                : store.points(needingAttention.keySet(), now.minus(SPARKLINE_SPAN).minus(lead()));
        List<PipeHealthCell> attention = new ArrayList<>();
        needingAttention.forEach((pipeId, history) -> attention.add(new PipeHealthCell(pipeId, history.pipeName(),
                assessments.get(pipeId), sparkline(lastHour.getOrDefault(pipeId, List.of()), now))));
        attention.sort(Comparator.comparing((PipeHealthCell cell) -> cell.displayName().toLowerCase(Locale.ROOT))
                .thenComparing(PipeHealthCell::pipeId));
        return new ServiceHealth(counts, attention);
    }

    private Instant cellsSince(Instant now) {
        return earlier(now.minus(SPARKLINE_SPAN).minus(lead()),
                now.minus(PipeHealthQueries.assessmentSpan(properties)));
    }

    /** How far before a window points are read, so that the window's first rate has the point before it. */
    private Duration lead() {
        return properties.downsampledResolution();
    }

    private PipeHealthCell cell(String pipeId, @Nullable String name, List<MetricPoint> points, Instant now) {
        HealthAssessment assessment = HealthAssessment.of(since(points,
                now.minus(PipeHealthQueries.assessmentSpan(properties))), properties);
        return new PipeHealthCell(pipeId, name, assessment, sparkline(points, now));
    }

    /** The last hour of events fetched per second ({@code points} may reach further back). */
    private static Sparkline sparkline(List<MetricPoint> points, Instant now) {
        return Sparkline.of("Events fetched per second",
                values(rates(points), perSecond(RatePoint::fetchedEventsPerMinute)), now.minus(SPARKLINE_SPAN), now,
                MetricUnit.EVENTS_PER_SECOND, SPARKLINE_SPAN_WORDS);
    }

    private static List<SvgChart> charts(List<RatePoint> rates, ChartWindow window, Instant start, Instant now) {
        return List.of(
                SvgChart.builder("chart-events", "Events per second", MetricUnit.EVENTS_PER_SECOND, start, now)
                        .window(window)
                        .series("Fetched", "series-1", values(rates, perSecond(RatePoint::fetchedEventsPerMinute)))
                        .series("Sent", "series-2", values(rates, perSecond(RatePoint::sentEventsPerMinute)))
                        .build(),
                SvgChart.builder("chart-bytes", "Bytes per second", MetricUnit.BYTES_PER_SECOND, start, now)
                        .window(window)
                        .series("Fetched", "series-1", values(rates, perSecond(RatePoint::fetchedBytesPerMinute)))
                        .series("Sent", "series-2", values(rates, perSecond(RatePoint::sentBytesPerMinute)))
                        .build(),
                SvgChart.builder("chart-errors", "Errors per minute", MetricUnit.ERRORS_PER_MINUTE, start, now)
                        .window(window)
                        .series("Errors", "series-error", values(rates, RatePoint::errorsPerMinute))
                        .build(),
                SvgChart.builder("chart-latency", "Latency", MetricUnit.MILLISECONDS, start, now)
                        .window(window)
                        .series("Latency", "series-1", values(rates, RatePoint::latencyMillis))
                        .build(),
                SvgChart.builder("chart-cpu", "CPU", MetricUnit.MILLICORES, start, now)
                        .window(window)
                        .series("Used", "series-1", values(rates, RatePoint::cpuUsageMillicores))
                        .limit("Limit", values(rates, RatePoint::cpuLimitMillicores))
                        .build(),
                SvgChart.builder("chart-memory", "Memory", MetricUnit.BYTES, start, now)
                        .window(window)
                        .series("Used", "series-1", values(rates, RatePoint::memoryUsageBytes))
                        .limit("Limit", values(rates, RatePoint::memoryLimitBytes))
                        .build());
    }

    /**
     * Rates between consecutive points; where two points are further apart than {@value #GAP_FACTOR} times the usual
     * step (the wider of their buckets, or the collector's usual spacing if wider), a point without values marks the
     * hole and the later point keeps only its gauges (a rate across the outage would be an average nobody saw).
     */
    static List<RatePoint> rates(List<MetricPoint> points) {
        double usualMinutes = usualStepMinutes(points);
        List<RatePoint> rates = new ArrayList<>(points.size());
        for (int i = 1; i < points.size(); i++) {
            MetricPoint previous = points.get(i - 1);
            MetricPoint current = points.get(i);
            double minutes = minutesBetween(previous, current);
            double expected = Math.max(usualMinutes, Math.max(previous.resolutionMinutes(),
                    current.resolutionMinutes()));
            if (minutes > GAP_FACTOR * expected) {
                Instant middle = previous.bucketStart().plus(Duration.between(previous.bucketStart(),
                        current.bucketStart()).dividedBy(2));
                rates.add(new RatePoint(middle, null, null, null, null, null, null, null, null, null, null, null));
                rates.add(new RatePoint(current.bucketStart(), current.state(), null, null, null, null, null,
                        current.latencyMillis(), current.cpuUsageMillicores(), current.cpuLimitMillicores(),
                        current.memoryUsageBytes(), current.memoryLimitBytes()));
            } else {
                rates.add(RatePoint.between(previous, current));
            }
        }
        return rates;
    }

    /** The median spacing of consecutive one-minute points (a stretched scrape interval spaces them wider). */
    private static double usualStepMinutes(List<MetricPoint> points) {
        List<Double> steps = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i - 1).resolutionMinutes() == 1 && points.get(i).resolutionMinutes() == 1) {
                steps.add(minutesBetween(points.get(i - 1), points.get(i)));
            }
        }
        if (steps.isEmpty()) {
            return 1;
        }
        steps.sort(Double::compare);
        return Math.max(1, steps.get(steps.size() / 2));
    }

    private static double minutesBetween(MetricPoint earlier, MetricPoint later) {
        return Duration.between(earlier.bucketStart(), later.bucketStart()).toSeconds() / 60.0;
    }

    private static List<ChartPoint> values(List<RatePoint> rates, Function<RatePoint, Double> value) {
        List<ChartPoint> points = new ArrayList<>(rates.size());
        for (RatePoint rate : rates) {
            points.add(new ChartPoint(rate.at(), value.apply(rate)));
        }
        return points;
    }

    private static Function<RatePoint, Double> perSecond(Function<RatePoint, Double> perMinute) {
        return rate -> {
            Double value = perMinute.apply(rate);
            return value == null ? null : value / 60;
        };
    }

    private static List<MetricPoint> since(List<MetricPoint> points, Instant since) {
        int first = 0;
        while (first < points.size() && points.get(first).bucketStart().isBefore(since)) {
            first++;
        }
        return points.subList(first, points.size());
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
