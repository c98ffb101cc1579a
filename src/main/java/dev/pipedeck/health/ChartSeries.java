package dev.pipedeck.health;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One line of a chart, ready to draw: its name, its CSS class (the colour, through the stylesheet's variables), the
 * segments it draws, and its newest and largest values told in the chart's unit.
 *
 * @param label what it shows ("Fetched")
 * @param cssClass the class that colours it ({@code series-1}, {@code series-2}, {@code series-error},
 *        {@code series-limit})
 * @param segments unbroken runs of points; a hole in the data separates two
 * @param current the newest value with its unit ("1.2k events/s"), or null without any
 * @param peak the largest value with its unit, or null without any
 */
public record ChartSeries(String label, String cssClass, List<Segment> segments, @Nullable String current,
        @Nullable String peak) {

    public ChartSeries {
        segments = List.copyOf(segments);
    }

    /** Whether the series has anything to draw. */
    public boolean empty() {
        return segments.isEmpty();
    }

    /** The last segment (it ends at the newest value), or null without any. */
    public @Nullable Segment end() {
        return segments.isEmpty() ? null : segments.get(segments.size() - 1);
    }

    /**
     * An unbroken run of points: SVG polyline coordinates ("x,y x,y"); a run of one point is drawn as a dot at
     * {@code x}, {@code y} (which are always the run's last point).
     */
    public record Segment(String points, boolean single, double x, double y) {
    }
}
