package dev.pipedeck.health;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A line chart computed for a server-rendered SVG: only numbers and plain texts, which the template writes as
 * attributes and escaped text (nothing here is markup). Values run from zero to a round maximum with three labelled
 * gridlines (0, half, the maximum), time labels sit on whole hours or days (UTC), each series draws one segment per
 * unbroken run of values, and an optional limit (a CPU or memory limit) is drawn dashed.
 *
 * @param id unique on the page; the template derives the title's and description's ids from it
 * @param title what the chart shows ("Events per second")
 * @param unit how its values read
 * @param valueTicks gridlines: their y and label, from zero up
 * @param timeTicks time labels: their x and text, oldest first
 * @param series the lines
 * @param limit the limit line, or null
 * @param summary the chart in words, for screen readers
 */
public record SvgChart(String id, String title, MetricUnit unit, List<Tick> valueTicks, List<Tick> timeTicks,
        List<ChartSeries> series, @Nullable ChartSeries limit, String summary) {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 180;
    static final int LEFT = 76;
    static final int RIGHT = 14;
    static final int TOP = 10;
    static final int BOTTOM = 26;
    /** A time label (centred on its time) needs this much room either side: of the value labels, of the edge. */
    private static final int HALF_LABEL = 18;

    public SvgChart {
        valueTicks = List.copyOf(valueTicks);
        timeTicks = List.copyOf(timeTicks);
        series = List.copyOf(series);
    }

    /** A label on an axis: where it sits (y for values, x for times) and its text. */
    public record Tick(double position, String label) {
    }

    public static Builder builder(String id, String title, MetricUnit unit, Instant start, Instant end) {
        return new Builder(id, title, unit, start, end);
    }

    /** Whether nothing at all is drawn (no series and no limit has a value in the window). */
    public boolean empty() {
        return series.stream().allMatch(ChartSeries::empty) && (limit == null || limit.empty());
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int plotLeft() {
        return LEFT;
    }

    public int plotRight() {
        return WIDTH - RIGHT;
    }

    public int plotTop() {
        return TOP;
    }

    public int plotBottom() {
        return HEIGHT - BOTTOM;
    }

    /** The SVG viewBox. */
    public String viewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }

    /** Builds a chart from points: series in the order added, then the limit. */
    public static final class Builder {

        private final String id;
        private final String title;
        private final MetricUnit unit;
        private final Instant start;
        private final Instant end;
        private final List<Line> lines = new ArrayList<>();
        private @Nullable Line limit;
        private String span = "the window";
        private @Nullable Duration labelEvery;
        private @Nullable DateTimeFormatter labelFormat;

        private Builder(String id, String title, MetricUnit unit, Instant start, Instant end) {
            this.id = id;
            this.title = title;
            this.unit = unit;
            this.start = start;
            this.end = end;
        }

        private record Line(String label, String cssClass, List<ChartPoint> points) {
        }

        /** A line; its points outside the chart's span are left out (of the drawing, the current value and peak). */
        public Builder series(String label, String cssClass, List<ChartPoint> points) {
            lines.add(new Line(label, cssClass, inside(points)));
            return this;
        }

        /** A limit the values should stay under, drawn dashed. */
        public Builder limit(String label, List<ChartPoint> points) {
            limit = new Line(label, "series-limit", inside(points));
            return this;
        }

        private List<ChartPoint> inside(List<ChartPoint> points) {
            return points.stream().filter(point -> !point.at().isBefore(start) && !point.at().isAfter(end))
                    .toList();
        }

        /** The span in words, for the summary ("the last hour"). */
        public Builder span(String words) {
            span = words;
            return this;
        }

        /** Time labels every {@code every} (aligned to it since the epoch, in UTC), written with {@code format}. */
        public Builder timeLabels(Duration every, DateTimeFormatter format) {
            labelEvery = every;
            labelFormat = format;
            return this;
        }

        public Builder window(ChartWindow window) {
            return span(window.description()).timeLabels(window.labelEvery(), window.labelFormat());
        }

        public SvgChart build() {
            Double peak = Stream.concat(lines.stream(), Stream.ofNullable(limit))
                    .map(line -> Plot.peak(line.points()))
                    .filter(value -> value != null)
                    .max(Double::compare).orElse(null);
            double top = unit.niceCeiling(peak == null ? 0 : peak);
            Plot plot = new Plot(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM, start, end, top, 1);
            List<Tick> values = List.of(new Tick(plot.y(0), unit.format(0)), new Tick(plot.y(top / 2),
                    unit.format(top / 2)), new Tick(plot.y(top), unit.format(top)));
            List<ChartSeries> drawn = lines.stream().map(line -> draw(line, plot)).toList();
            ChartSeries limitLine = limit == null ? null : draw(limit, plot);
            return new SvgChart(id, title, unit, values, times(plot), drawn, limitLine, summary(drawn, limitLine));
        }

        private ChartSeries draw(Line line, Plot plot) {
            Double current = Plot.latest(line.points());
            Double peak = Plot.peak(line.points());
            return new ChartSeries(line.label(), line.cssClass(), plot.segments(line.points()),
                    current == null ? null : unit.format(current), peak == null ? null : unit.format(peak));
        }

        private List<Tick> times(Plot plot) {
            List<Tick> ticks = new ArrayList<>();
            if (labelEvery == null || labelFormat == null || labelEvery.isZero() || labelEvery.isNegative()) {
                return ticks;
            }
            long every = labelEvery.toSeconds();
            Instant at = Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond() + every - 1, every) * every);
            for (; !at.isAfter(end); at = at.plusSeconds(every)) {
                double x = plot.x(at);
                if (x - LEFT >= HALF_LABEL && WIDTH - x >= HALF_LABEL) {
                    ticks.add(new Tick(x, labelFormat.format(at)));
                }
            }
            return ticks;
        }

        private String summary(List<ChartSeries> drawn, @Nullable ChartSeries limitLine) {
            StringBuilder text = new StringBuilder(title).append(" over ").append(span).append(": ");
            if (drawn.stream().allMatch(ChartSeries::empty) && (limitLine == null || limitLine.empty())) {
                return text.append("no readings.").toString();
            }
            List<String> parts = new ArrayList<>();
            for (ChartSeries line : drawn) {
                parts.add(line.empty() ? line.label() + " has no readings"
                        : line.label() + " now " + line.current() + ", peak " + line.peak());
            }
            if (limitLine != null && !limitLine.empty()) {
                parts.add(limitLine.label() + " " + limitLine.current());
            }
            return text.append(String.join("; ", parts)).append('.').toString();
        }
    }
}
