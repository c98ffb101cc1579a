package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * State of a ClickPipe, spelled on the wire as in the spec ({@code Running}, {@code Paused}, …). A state the API adds
 * later reads as {@link #UNKNOWN} rather than failing the whole response.
 */
public enum ClickPipeState {
    UNKNOWN("Unknown", false),
    PROVISIONING("Provisioning", true),
    RUNNING("Running", false),
    DEGRADED("Degraded", false),
    STOPPING("Stopping", true),
    STOPPED("Stopped", false),
    FAILED("Failed", false),
    COMPLETED("Completed", false),
    INTERNAL_ERROR("InternalError", false),
    SETUP("Setup", true),
    SNAPSHOT("Snapshot", true),
    PAUSED("Paused", false),
    PAUSING("Pausing", true),
    MODIFYING("Modifying", true),
    RESYNC("Resync", true);

    private final String wireName;
    private final boolean transitional;

    ClickPipeState(String wireName, boolean transitional) {
        this.wireName = wireName;
        this.transitional = transitional;
    }

    /** The state as the API spells it. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether the pipe settles out of this state on its own, so a page showing it should keep itself current. */
    public boolean isTransitional() {
        return transitional;
    }

    /** The state spelled {@code wireName}, or {@link #UNKNOWN} for a spelling this version does not know. */
    @JsonCreator
    public static ClickPipeState fromWireName(String wireName) {
        for (ClickPipeState state : values()) {
            if (state.wireName.equals(wireName)) {
                return state;
            }
        }
        return UNKNOWN;
    }
}
