package dev.pipedeck.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rectangle a chart draws in: times from {@code start} to {@code end} run left to right, values from zero to
 * {@code max} bottom to top. It turns points into line segments (a null value or a run of empty columns breaks the
 * line), and first folds more points than {@link #MAX_COLUMNS} into that many columns of equal time, each the mean of
 * its values, so a week of minutes draws as a few hundred points.
 */
final class Plot {

    static final int MAX_COLUMNS = 300;

    private final double left;
    private final double top;
    private final double width;
    private final double height;
    private final Instant start;
    private final Instant end;
    private final double max;
    private final double scale;

    /** A plot whose coordinates are rounded to {@code decimals} places (SVG coordinates are pixels). */
    Plot(double left, double top, double width, double height, Instant start, Instant end, double max,
            int decimals) {
        this.left = left;
        this.top = top;
        this.width = width;
        this.height = height;
        this.start = start;
        this.end = end.isAfter(start) ? end : start.plusSeconds(1);
        this.max = max > 0 ? max : 1;
        this.scale = Math.pow(10, decimals);
    }

    double x(Instant at) {
        double share = (double) Duration.between(start, at).toMillis() / Duration.between(start, end).toMillis();
        return round(left + width * Math.max(0, Math.min(1, share)));
    }

    double y(double value) {
        return round(top + height * (1 - Math.max(0, Math.min(1, value / max))));
    }

    /** The lines {@code points} (oldest first) draw: one segment per unbroken run of values inside the window. */
    List<ChartSeries.Segment> segments(List<ChartPoint> points) {
        List<ChartSeries.Segment> segments = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int count = 0;
        double lastX = 0;
        double lastY = 0;
        for (ChartPoint point : fitted(points)) {
            if (point.value() == null || Double.isNaN(point.value()) || Double.isInfinite(point.value())) {
                if (count > 0) {
                    segments.add(new ChartSeries.Segment(run.toString(), count == 1, lastX, lastY));
                }
                run.setLength(0);
                count = 0;
                continue;
            }
            lastX = x(point.at());
            lastY = y(point.value());
            if (count > 0) {
                run.append(' ');
            }
            run.append(number(lastX)).append(',').append(number(lastY));
            count++;
        }
        if (count > 0) {
            segments.add(new ChartSeries.Segment(run.toString(), count == 1, lastX, lastY));
        }
        return segments;
    }

    /** The points inside the window; more than {@link #MAX_COLUMNS} are folded into that many columns. */
    List<ChartPoint> fitted(List<ChartPoint> points) {
        List<ChartPoint> inside = points.stream()
                .filter(point -> !point.at().isBefore(start) && !point.at().isAfter(end)).toList();
        if (inside.size() <= MAX_COLUMNS) {
            return inside;
        }
        long spanMillis = Duration.between(start, end).toMillis();
        double[] sums = new double[MAX_COLUMNS];
        int[] counts = new int[MAX_COLUMNS];
        boolean[] seen = new boolean[MAX_COLUMNS];
        for (ChartPoint point : inside) {
            int column = (int) Math.min(MAX_COLUMNS - 1,
                    Duration.between(start, point.at()).toMillis() * MAX_COLUMNS / spanMillis);
            seen[column] = true;
            if (point.value() != null && !Double.isNaN(point.value()) && !Double.isInfinite(point.value())) {
                sums[column] += point.value();
                counts[column]++;
            }
        }
        int first = 0;
        while (!seen[first]) {
            first++;
        }
        int last = MAX_COLUMNS - 1;
        while (!seen[last]) {
            last--;
        }
        List<ChartPoint> columns = new ArrayList<>(last - first + 1);
        for (int column = first; column <= last; column++) {
            Instant middle = start.plusMillis((long) ((column + 0.5) * spanMillis / MAX_COLUMNS));
            columns.add(new ChartPoint(middle, counts[column] == 0 ? null : sums[column] / counts[column]));
        }
        return columns;
    }

    private double round(double value) {
        return Math.round(value * scale) / scale;
    }

    /** A coordinate as SVG wants it: no exponent, no needless ".0". */
    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** The largest finite value of {@code points}, or null when they have none. */
    static @Nullable Double peak(List<ChartPoint> points) {
        Double peak = null;
        for (ChartPoint point : points) {
            Double value = point.value();
            if (value != null && !Double.isNaN(value) && !Double.isInfinite(value) && (peak == null || value > peak)) {
                peak = value;
            }
        }
        return peak;
    }

    /** The newest finite value of {@code points}, or null when they have none. */
    static @Nullable Double latest(List<ChartPoint> points) {
        for (int i = points.size() - 1; i >= 0; i--) {
            Double value = points.get(i).value();
            if (value != null && !Double.isNaN(value) && !Double.isInfinite(value)) {
                return value;
            }
        }
        return null;
    }
}
