package dev.pipedeck.health;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One value to chart at one time; a null value is a hole in the data, and the line breaks there. */
public record ChartPoint(Instant at, @Nullable Double value) {
}
