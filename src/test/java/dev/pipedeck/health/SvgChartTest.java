package dev.pipedeck.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The chart renderer: where points land, the round axis, holes in the data, the current value with its unit, the
 * dashed limit, the empty chart, a week of minutes folded to a few hundred points, sparklines, and the template
 * that draws it all escaping whatever text it is given.
 */
class SvgChartTest {

    static final Instant END = Instant.parse("2026-11-24T12:00:00Z");
    static final Instant START = END.minus(Duration.ofHours(1));

    @Test
    void pointsAreScaledIntoThePlotAndTheAxisEndsAtARoundMaximum() {
        SvgChart chart = SvgChart.builder("c", "Events per second", MetricUnit.EVENTS_PER_SECOND, START, END)
                .series("Fetched", "series-1", List.of(point(0, 0.0), point(30, 1234.0), point(60, 617.0)))
                .build();

        assertThat(chart.valueTicks()).extracting(SvgChart.Tick::label)
                .containsExactly("0 events/s", "1k events/s", "2k events/s");
        assertThat(chart.valueTicks()).extracting(SvgChart.Tick::position)
                .containsExactly((double) chart.plotBottom(), (chart.plotBottom() + chart.plotTop()) / 2.0,
                        (double) chart.plotTop());
        ChartSeries.Segment line = chart.series().get(0).segments().get(0);
        double middleX = (chart.plotLeft() + chart.plotRight()) / 2.0;
        double height = chart.plotBottom() - chart.plotTop();
        assertThat(line.points()).isEqualTo(chart.plotLeft() + "," + chart.plotBottom() + " "
                + Plot.number(middleX) + "," + Plot.number(Math.round((chart.plotBottom() - height * 1234 / 2000) * 10)
                / 10.0) + " " + chart.plotRight() + "," + Plot.number(Math.round((chart.plotBottom() - height * 617
                / 2000) * 10) / 10.0));
        assertThat(chart.series().get(0).current()).as("the newest value, with its unit").isEqualTo("617 events/s");
        assertThat(chart.series().get(0).peak()).isEqualTo("1.23k events/s");
        assertThat(chart.summary()).isEqualTo(
                "Events per second over the window: Fetched now 617 events/s, peak 1.23k events/s.");
    }

    @Test
    void aHoleInTheDataBreaksTheLineAndALonePointIsADot() {
        SvgChart chart = SvgChart.builder("c", "Latency", MetricUnit.MILLISECONDS, START, END)
                .series("Latency", "series-1", List.of(point(0, 10.0), point(1, 12.0), point(2, null),
                        point(3, 20.0), point(4, null), point(5, 15.0), point(6, 16.0), point(7, 14.0)))
                .build();

        List<ChartSeries.Segment> segments = chart.series().get(0).segments();
        assertThat(segments).hasSize(3);
        assertThat(segments.get(0).points().split(" ")).hasSize(2);
        assertThat(segments.get(1).single()).isTrue();
        assertThat(segments.get(1).points().split(" ")).hasSize(1);
        assertThat(segments.get(2).points().split(" ")).hasSize(3);
        assertThat(chart.series().get(0).current()).isEqualTo("14 ms");
        assertThat(chart.series().get(0).end()).isEqualTo(segments.get(2));
    }

    @Test
    void aLimitIsItsOwnDashedSeriesAndCountsForTheAxis() {
        double gib = 1024d * 1024 * 1024;
        SvgChart chart = SvgChart.builder("m", "Memory", MetricUnit.BYTES, START, END)
                .series("Used", "series-1", List.of(point(0, 0.6 * gib), point(60, 0.9 * gib)))
                .limit("Limit", List.of(point(0, 2 * gib), point(60, 2 * gib)))
                .build();

        assertThat(chart.limit()).isNotNull();
        assertThat(chart.limit().cssClass()).isEqualTo("series-limit");
        assertThat(chart.limit().current()).isEqualTo("2 GiB");
        assertThat(chart.valueTicks()).extracting(SvgChart.Tick::label).containsExactly("0 B", "1 GiB", "2 GiB");
        assertThat(chart.limit().segments().get(0).points())
                .isEqualTo(chart.plotLeft() + "," + chart.plotTop() + " " + chart.plotRight() + "," + chart.plotTop());
        assertThat(chart.series().get(0).current()).isEqualTo("922 MiB");
        assertThat(chart.summary()).endsWith("; Limit 2 GiB.");
    }

    @Test
    void withoutAnyValueTheChartIsEmptyAndSaysSo() {
        SvgChart chart = SvgChart.builder("c", "Errors per minute", MetricUnit.ERRORS_PER_MINUTE, START, END)
                .series("Errors", "series-error", List.of(point(0, null), point(1, null)))
                .span("the last hour")
                .build();

        assertThat(chart.empty()).isTrue();
        assertThat(chart.series().get(0).current()).isNull();
        assertThat(chart.summary()).isEqualTo("Errors per minute over the last hour: no readings.");
        assertThat(chart.valueTicks()).extracting(SvgChart.Tick::label)
                .containsExactly("0 errors/min", "0.5 errors/min", "1 error/min");
    }

    @Test
    void timeLabelsSitOnWholeQuarterHoursHoursAndDaysInUtc() {
        Instant end = Instant.parse("2026-11-24T12:07:00Z");
        SvgChart hour = SvgChart.builder("c", "t", MetricUnit.EVENTS_PER_SECOND, end.minus(Duration.ofHours(1)), end)
                .window(ChartWindow.HOUR).build();
        assertThat(hour.timeTicks()).extracting(SvgChart.Tick::label)
                .containsExactly("11:15", "11:30", "11:45", "12:00");
        SvgChart week = SvgChart.builder("c", "t", MetricUnit.EVENTS_PER_SECOND, end.minus(Duration.ofDays(7)), end)
                .window(ChartWindow.WEEK).build();
        assertThat(week.timeTicks()).extracting(SvgChart.Tick::label)
                .containsExactly("Nov 18", "Nov 19", "Nov 20", "Nov 21", "Nov 22", "Nov 23", "Nov 24");
        assertThat(week.timeTicks()).extracting(SvgChart.Tick::position).isSorted()
                .allSatisfy(x -> assertThat(x).isBetween((double) week.plotLeft(), (double) week.plotRight()));
    }

    @Test
    void aWeekOfMinutesIsFoldedIntoAFewHundredPointsAndTheFoldKeepsItsHoles() {
        Instant start = END.minus(Duration.ofDays(7));
        List<ChartPoint> points = new ArrayList<>();
        for (int minute = 0; minute < 7 * 24 * 60; minute++) {
            boolean outage = minute >= 3 * 24 * 60 && minute < 4 * 24 * 60;
            points.add(new ChartPoint(start.plus(Duration.ofMinutes(minute)), outage ? null : 100.0));
        }
        SvgChart chart = SvgChart.builder("c", "t", MetricUnit.EVENTS_PER_SECOND, start, END)
                .series("Fetched", "series-1", points).build();

        List<ChartSeries.Segment> segments = chart.series().get(0).segments();
        assertThat(segments).as("a day without readings stays a hole").hasSize(2);
        int drawn = segments.stream().mapToInt(segment -> segment.points().split(" ").length).sum();
        assertThat(drawn).isLessThanOrEqualTo(Plot.MAX_COLUMNS).isGreaterThan(Plot.MAX_COLUMNS / 2);
        assertThat(chart.series().get(0).current()).isEqualTo("100 events/s");
        assertThat(segments.get(0).points().split(" ")).as("every folded value is the mean, 100: the axis' top")
                .allSatisfy(xy -> assertThat(xy).endsWith("," + chart.plotTop()));
    }

    @Test
    void pointsOutsideTheWindowAreLeftOut() {
        SvgChart chart = SvgChart.builder("c", "t", MetricUnit.EVENTS_PER_SECOND, START, END)
                .series("Fetched", "series-1", List.of(new ChartPoint(START.minusSeconds(60), 5.0), point(10, 5.0),
                        point(20, 5.0)))
                .build();
        assertThat(chart.series().get(0).segments().get(0).points().split(" ")).hasSize(2);
    }

    @Test
    void unitsReadAsPeopleSayThem() {
        assertThat(MetricUnit.EVENTS_PER_SECOND.format(1234)).isEqualTo("1.23k events/s");
        assertThat(MetricUnit.EVENTS_PER_SECOND.format(999.7)).isEqualTo("1k events/s");
        assertThat(MetricUnit.EVENTS_PER_SECOND.format(0.25)).isEqualTo("0.25 events/s");
        assertThat(MetricUnit.BYTES_PER_SECOND.format(1536 * 1024)).isEqualTo("1.5 MiB/s");
        assertThat(MetricUnit.BYTES.format(2d * 1024 * 1024 * 1024)).isEqualTo("2 GiB");
        assertThat(MetricUnit.MILLISECONDS.format(250)).isEqualTo("250 ms");
        assertThat(MetricUnit.MILLISECONDS.format(2500)).isEqualTo("2.5 s");
        assertThat(MetricUnit.MILLISECONDS.format(90_000)).isEqualTo("1.5 min");
        assertThat(MetricUnit.MILLICORES.format(250)).isEqualTo("250 millicores");
        assertThat(MetricUnit.MILLICORES.format(1500)).isEqualTo("1.5 cores");
        assertThat(MetricUnit.MILLICORES.format(1000)).isEqualTo("1 core");
        assertThat(MetricUnit.ERRORS_PER_MINUTE.format(3)).isEqualTo("3 errors/min");
        assertThat(MetricUnit.EVENTS_PER_SECOND.format(0)).isEqualTo("0 events/s");
        assertThat(MetricUnit.EVENTS_PER_SECOND.format(1)).isEqualTo("1 event/s");
        assertThat(MetricUnit.EVENTS_PER_SECOND.format(1000)).isEqualTo("1k events/s");

        assertThat(MetricUnit.EVENTS_PER_SECOND.niceCeiling(1234)).isEqualTo(2000);
        assertThat(MetricUnit.EVENTS_PER_SECOND.niceCeiling(2000)).isEqualTo(2000);
        assertThat(MetricUnit.EVENTS_PER_SECOND.niceCeiling(0.7)).isEqualTo(1);
        assertThat(MetricUnit.EVENTS_PER_SECOND.niceCeiling(21)).isEqualTo(25);
        assertThat(MetricUnit.BYTES.niceCeiling(1.7 * 1024 * 1024 * 1024)).isEqualTo(2d * 1024 * 1024 * 1024);
        assertThat(MetricUnit.MILLISECONDS.niceCeiling(45_000)).isEqualTo(50_000);
        assertThat(MetricUnit.MILLICORES.niceCeiling(0)).isEqualTo(1);
    }

    @Test
    void aSparklineScalesToItsOwnPeakAndSaysWhatItShows() {
        Sparkline line = Sparkline.of("Events fetched per second", List.of(point(0, 0.0), point(30, 50.0),
                point(45, null), point(60, 25.0)), START, END, MetricUnit.EVENTS_PER_SECOND, "the last hour");

        assertThat(line.segments()).hasSize(2);
        assertThat(line.segments().get(0).points()).isEqualTo("2,26 60,2");
        assertThat(line.current()).isEqualTo("25 events/s");
        assertThat(line.summary()).isEqualTo(
                "Events fetched per second over the last hour: now 25 events/s, peak 50 events/s.");

        Sparkline none = Sparkline.of("Events fetched per second", List.of(), START, END,
                MetricUnit.EVENTS_PER_SECOND, "the last hour");
        assertThat(none.empty()).isTrue();
        assertThat(none.summary()).isEqualTo("Events fetched per second: no readings in the last hour.");
    }

    @Test
    void theTemplateDrawsTheNumbersAndEscapesEveryText() {
        SvgChart chart = SvgChart.builder("chart-x", "<script>alert('title')</script>", MetricUnit.EVENTS_PER_SECOND,
                        START, END)
                .series("<img src=x onerror=alert(1)>", "series-1", List.of(point(0, 1.0), point(60, 2.0)))
                .limit("\"><script>alert(2)</script>", List.of(point(0, 3.0), point(60, 3.0)))
                .build();

        String html = render("chart", chart);

        assertThat(html).doesNotContain("<script>", "<img").contains("&lt;script&gt;", "&lt;img src=x");
        assertThat(html).contains("role=\"img\"", "aria-labelledby=\"chart-x-title chart-x-desc\"",
                "<title id=\"chart-x-title\">", "<polyline", "points=\"" + chart.series().get(0).segments().get(0)
                        .points() + "\"", "stroke-dasharray=\"6 4\"", "2 events/s");
        assertThat(html).as("the current values are labelled").contains("class=\"chart-current\">2 events/s<",
                "class=\"chart-current\">3 events/s<");
    }

    private static String render(String fragment, SvgChart chart) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        Context context = new Context();
        context.setVariable("chart", chart);
        return engine.process("health/pictures", Set.of(fragment), context);
    }

    private static ChartPoint point(int minute, Double value) {
        return new ChartPoint(START.plus(Duration.ofMinutes(minute)), value);
    }
}
