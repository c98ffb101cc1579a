package dev.pipedeck.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * States planned at instants, read lazily: the state in effect is the last one whose instant has come, so transient
 * states (Provisioning, Stopping, awaking, …) settle on their own without any timer. Also keeps how long the subject
 * spent in its "counted" states (Running, for pipes), across plans. Immutable.
 *
 * @param <S> the state type
 */
final class Timeline<S> {

    private final List<Step<S>> steps;
    private final Predicate<S> counted;
    private final Duration countedBefore;

    private Timeline(List<Step<S>> steps, Predicate<S> counted, Duration countedBefore) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a timeline needs a state");
        }
        this.steps = List.copyOf(steps);
        this.counted = counted;
        this.countedBefore = countedBefore;
    }

    /** {@code states} one after another from {@code start}, each lasting {@code each} except the last. */
    static <S> Timeline<S> plan(Instant start, Duration each, Predicate<S> counted, List<S> states) {
        return new Timeline<>(steps(start, each, states), counted, Duration.ZERO);
    }

    /** A new plan from {@code now}, carrying the time counted so far. */
    Timeline<S> then(Instant now, Duration each, List<S> states) {
        return new Timeline<>(steps(now, each, states), counted, countedTime(now));
    }

    /** This plan, as if {@code extra} had been counted before it began. */
    Timeline<S> withCountedBefore(Duration extra) {
        return new Timeline<>(steps, counted, countedBefore.plus(extra));
    }

    /** The state in effect at {@code now}. */
    S stateAt(Instant now) {
        return stepAt(now).state();
    }

    /** When the state in effect at {@code now} began. */
    Instant changedAt(Instant now) {
        return stepAt(now).at();
    }

    /** The state the plan ends in. */
    S settled() {
        return steps.get(steps.size() - 1).state();
    }

    /** Time spent in counted states up to {@code now}, this plan and those before it. */
    Duration countedTime(Instant now) {
        Duration total = countedBefore;
        for (int i = 0; i < steps.size(); i++) {
            Step<S> step = steps.get(i);
            if (!now.isAfter(step.at())) {
                break;
            }
            Instant end = i + 1 < steps.size() && steps.get(i + 1).at().isBefore(now) ? steps.get(i + 1).at() : now;
            if (counted.test(step.state())) {
                total = total.plus(Duration.between(step.at(), end));
            }
        }
        return total;
    }

    private Step<S> stepAt(Instant now) {
        Step<S> current = steps.get(0);
        for (Step<S> step : steps) {
            if (step.at().isAfter(now)) {
                break;
            }
            current = step;
        }
        return current;
    }

    private static <S> List<Step<S>> steps(Instant start, Duration each, List<S> states) {
        List<Step<S>> steps = new ArrayList<>();
        Instant at = start;
        for (S state : states) {
            steps.add(new Step<>(state, at));
            at = at.plus(each);
        }
        return steps;
    }

    private record Step<S>(S state, Instant at) {
    }
}
