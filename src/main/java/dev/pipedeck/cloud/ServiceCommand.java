package dev.pipedeck.cloud;

import com.fasterxml.jackson.annotation.JsonValue;

/** What {@code PATCH .../services/{id}/state} asks of a service; {@link #START} also wakes an idle one. */
public enum ServiceCommand {
    START("start"),
    STOP("stop"),
    AWAKE("awake");

    private final String wireName;

    ServiceCommand(String wireName) {
        this.wireName = wireName;
    }

    /** The command as the API spells it. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
