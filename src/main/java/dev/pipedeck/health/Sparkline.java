package dev.pipedeck.health;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A word-sized line of one series (the list's and dashboard's last hour of events fetched per second), scaled to its
 * own peak, with no axes, on whole pixels (a list page draws a hundred): the summary says in words what it shows.
 *
 * @param segments the lines to draw (none without readings)
 * @param current the newest value with its unit, or null
 * @param summary the line in words
 */
public record Sparkline(List<ChartSeries.Segment> segments, @Nullable String current, String summary) {

    public static final int WIDTH = 120;
    public static final int HEIGHT = 28;
    private static final int PADDING = 2;

    public Sparkline {
        segments = List.copyOf(segments);
    }

    /** {@code points} from {@code start} to {@code end}; {@code what} names the series ("Events fetched"). */
    public static Sparkline of(String what, List<ChartPoint> points, Instant start, Instant end, MetricUnit unit,
            String span) {
        List<ChartPoint> inside = points.stream()
                .filter(point -> !point.at().isBefore(start) && !point.at().isAfter(end)).toList();
        Double peak = Plot.peak(inside);
        Double latest = Plot.latest(inside);
        Plot plot = new Plot(PADDING, PADDING, WIDTH - 2 * PADDING, HEIGHT - 2 * PADDING, start, end,
                peak == null ? 0 : peak, 0);
        List<ChartSeries.Segment> segments = plot.segments(inside);
        if (segments.isEmpty() || latest == null) {
            return new Sparkline(List.of(), null, what + ": no readings in " + span + ".");
        }
        return new Sparkline(segments, unit.format(latest), what + " over " + span + ": now " + unit.format(latest)
                + ", peak " + unit.format(peak) + ".");
    }

    public boolean empty() {
        return segments.isEmpty();
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public String viewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }
}
