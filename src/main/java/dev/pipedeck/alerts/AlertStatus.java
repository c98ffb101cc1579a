package dev.pipedeck.alerts;

/** Where an alert is in its life. */
public enum AlertStatus {
    /** A firing state was seen; it has not yet held for the rule's "for". */
    PENDING,
    /** The state held long enough; notifications went out. */
    FIRING,
    /** The state is over (or the rule was disabled or deleted); a resolved notification went out. */
    RESOLVED
}
