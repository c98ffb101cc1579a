package dev.pipedeck.health;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The health section of a pipe's page: its assessment and its charts over one window.
 *
 * @param assessment healthy, stalled, erroring, failed or unknown, with the reason and when it was last seen
 * @param window the span the charts show
 * @param charts events/s, bytes/s, errors, latency, CPU and memory, in that order
 * @param collecting whether the collector runs at all ({@code pipedeck.health.collect})
 * @param scrapeInterval how often it scrapes
 */
public record PipeHealthPanel(HealthAssessment assessment, ChartWindow window, List<SvgChart> charts,
        boolean collecting, Duration scrapeInterval) {

    public PipeHealthPanel {
        charts = List.copyOf(charts);
    }

    /** Whether no chart has anything to draw (the section then says why instead of showing empty charts). */
    public boolean noReadings() {
        return charts.stream().allMatch(SvgChart::empty);
    }

    /** Why there is nothing to chart, in words. */
    public String emptyMessage() {
        if (!collecting) {
            return "No metrics: collection is switched off (pipedeck.health.collect=false).";
        }
        String scrapes = "Pipedeck scrapes every " + scrapeInterval.toSeconds() + " s.";
        return assessment.health() == PipeHealth.UNKNOWN ? "No metrics yet — " + scrapes
                : "Not enough readings in " + window.description() + " to chart yet — " + scrapes;
    }

    /** The windows to switch to, in order. */
    public List<ChartWindow> windows() {
        return Arrays.asList(ChartWindow.values());
    }
}
