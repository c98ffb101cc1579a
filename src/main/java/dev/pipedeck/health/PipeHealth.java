package dev.pipedeck.health;

/** How a pipe is doing, as its recent metrics tell. */
public enum PipeHealth {
    /** Moving data without rising errors (or not meant to be running). */
    HEALTHY,
    /** Running, yet no events fetched for {@code pipedeck.health.stall-after}. */
    STALLED,
    /** Its error counter rose within {@code pipedeck.health.erroring-window}. */
    ERRORING,
    /** The upstream says Failed, Degraded or InternalError. */
    FAILED,
    /** No metrics yet. */
    UNKNOWN;

    /** The badge's text. */
    public String label() {
        return switch (this) {
            case HEALTHY -> "Healthy";
            case STALLED -> "Stalled";
            case ERRORING -> "Erroring";
            case FAILED -> "Failed";
            case UNKNOWN -> "No metrics";
        };
    }

    /** The badge's colour class, as pipe states use them (css {@code state-*}): ok, warn, danger or neutral. */
    public String tone() {
        return switch (this) {
            case HEALTHY -> "ok";
            case STALLED, ERRORING -> "warn";
            case FAILED -> "danger";
            case UNKNOWN -> "neutral";
        };
    }
}
