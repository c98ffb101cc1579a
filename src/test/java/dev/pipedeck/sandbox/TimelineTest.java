package dev.pipedeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** States planned ahead and read lazily, and the running time counted across plans. */
class TimelineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(3);

    @Test
    void eachStateHoldsUntilTheNextOnesInstant() {
        Timeline<String> timeline = Timeline.plan(T0, STEP, "Running"::equals, List.of("Setup", "Snapshot", "Running"));

        assertThat(timeline.stateAt(T0.minusSeconds(1))).isEqualTo("Setup");
        assertThat(timeline.stateAt(T0)).isEqualTo("Setup");
        assertThat(timeline.stateAt(T0.plus(STEP).minusMillis(1))).isEqualTo("Setup");
        assertThat(timeline.stateAt(T0.plus(STEP))).isEqualTo("Snapshot");
        assertThat(timeline.stateAt(T0.plus(STEP.multipliedBy(2)))).isEqualTo("Running");
        assertThat(timeline.changedAt(T0.plus(STEP.multipliedBy(5)))).isEqualTo(T0.plus(STEP.multipliedBy(2)));
        assertThat(timeline.settled()).isEqualTo("Running");
    }

    @Test
    void countedTimeAddsUpAcrossPlans() {
        Timeline<String> provisioning = Timeline.plan(T0, STEP, "Running"::equals, List.of("Provisioning", "Running"));
        Instant stopAt = T0.plusSeconds(60);
        assertThat(provisioning.countedTime(stopAt)).isEqualTo(Duration.ofSeconds(57));

        Timeline<String> stopped = provisioning.then(stopAt, STEP, List.of("Stopping", "Stopped"));
        assertThat(stopped.countedTime(stopAt.plusSeconds(600))).as("nothing counted while stopped")
                .isEqualTo(Duration.ofSeconds(57));

        Timeline<String> restarted = stopped.then(stopAt.plusSeconds(600), STEP, List.of("Provisioning", "Running"));
        assertThat(restarted.countedTime(stopAt.plusSeconds(613))).isEqualTo(Duration.ofSeconds(67));
        assertThat(restarted.withCountedBefore(Duration.ofSeconds(3)).countedTime(stopAt.plusSeconds(613)))
                .isEqualTo(Duration.ofSeconds(70));
    }
}
