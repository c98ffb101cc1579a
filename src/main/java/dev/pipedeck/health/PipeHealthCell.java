package dev.pipedeck.health;

import org.jspecify.annotations.Nullable;

/**
 * One pipe's health as a list row or a dashboard tile shows it: the badge (its assessment) and a sparkline of the
 * last hour's events fetched per second.
 *
 * @param pipeId the pipe
 * @param pipeName its name as the newest scrape gave it, or null when not read with it
 * @param assessment its health
 * @param sparkline its last hour
 */
public record PipeHealthCell(String pipeId, @Nullable String pipeName, HealthAssessment assessment,
        Sparkline sparkline) {

    /** The name, or the id when there is none. */
    public String displayName() {
        return pipeName == null || pipeName.isBlank() ? pipeId : pipeName;
    }

    public PipeHealth health() {
        return assessment.health();
    }
}
