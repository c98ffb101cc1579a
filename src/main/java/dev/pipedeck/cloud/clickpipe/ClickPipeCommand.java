package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What {@code PATCH .../clickpipes/{id}/state} asks of a pipe. Stop works from any state; start from Stopped, Failed or
 * (database pipes) Paused; resync only for Postgres and MySQL pipes.
 */
public enum ClickPipeCommand {
    START("start"),
    STOP("stop"),
    RESYNC("resync");

    private final String wireName;

    ClickPipeCommand(String wireName) {
        this.wireName = wireName;
    }

    /** The command as the API spells it. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
