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
    UNKNOWN
}
