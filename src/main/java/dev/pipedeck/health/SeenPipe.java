package dev.pipedeck.health;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A pipe the stored history knows: its identity as its latest point gives it, and when that point was taken. */
public record SeenPipe(String pipeId, String organizationId, String serviceId, @Nullable String pipeName,
        Instant lastSeen) {
}
