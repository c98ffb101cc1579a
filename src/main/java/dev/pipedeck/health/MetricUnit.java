package dev.pipedeck.health;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * How a chart's values read: each unit is a ladder of steps (a factor and the words after the number), so a value is
 * told in the largest step it reaches with at most three significant digits ("1.2k events/s", "1.5 GiB", "2 cores"),
 * and an axis ends at a round number of that step (1, 2, 2.5 or 5 times a power of ten).
 */
public enum MetricUnit {

    EVENTS_PER_SECOND(new Step(1, " events/s", " event/s"), step(1e3, "k events/s"), step(1e6, "M events/s"),
            step(1e9, "G events/s")),
    BYTES_PER_SECOND(step(1, " B/s"), step(1024, " KiB/s"), step(1024d * 1024, " MiB/s"),
            step(1024d * 1024 * 1024, " GiB/s"), step(1024d * 1024 * 1024 * 1024, " TiB/s")),
    ERRORS_PER_MINUTE(new Step(1, " errors/min", " error/min"), step(1e3, "k errors/min"), step(1e6, "M errors/min")),
    MILLISECONDS(step(1, " ms"), step(1000, " s"), step(60_000, " min"), step(3_600_000, " h")),
    MILLICORES(step(1, " millicores"), new Step(1000, " cores", " core")),
    BYTES(step(1, " B"), step(1024, " KiB"), step(1024d * 1024, " MiB"), step(1024d * 1024 * 1024, " GiB"),
            step(1024d * 1024 * 1024 * 1024, " TiB"));

    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_UP);
    private static final double[] NICE = {1, 2, 2.5, 5, 10};

    /**
     * One rung of a unit: values from {@code factor} up are divided by it and followed by {@code suffix}, or by
     * {@code singular} when the number is exactly one.
     */
    private record Step(double factor, String suffix, String singular) {

        String after(BigDecimal number) {
            return number.compareTo(BigDecimal.ONE) == 0 ? singular : suffix;
        }
    }

    private final List<Step> steps;

    MetricUnit(Step... steps) {
        this.steps = List.of(steps);
    }

    private static Step step(double factor, String suffix) {
        return new Step(factor, suffix, suffix);
    }

    /** {@code value} as people read it, e.g. "1.2k events/s"; negative values keep their sign. */
    public String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "—";
        }
        int index = stepIndex(Math.abs(value));
        BigDecimal number = round(value / steps.get(index).factor());
        // 999.7 rounds to 1000: told in the next step ("1k") rather than as "1000".
        if (index + 1 < steps.size() && number.abs().doubleValue() * steps.get(index).factor()
                >= steps.get(index + 1).factor()) {
            index++;
            number = round(value / steps.get(index).factor());
        }
        return number.toPlainString() + steps.get(index).after(number);
    }

    /**
     * The top of an axis showing values up to {@code max}: the smallest 1, 2, 2.5, 5 or 10 times a power of ten (in
     * the step {@code max} is told in) that is at least {@code max}; the smallest step's factor when there is nothing
     * above zero to show.
     */
    public double niceCeiling(double max) {
        if (!(max > 0) || Double.isInfinite(max)) {
            return steps.get(0).factor();
        }
        double factor = steps.get(stepIndex(max)).factor();
        double scaled = max / factor;
        double power = Math.pow(10, Math.floor(Math.log10(scaled)));
        for (double nice : NICE) {
            double candidate = nice * power;
            if (candidate >= scaled * (1 - 1e-9)) {
                return candidate * factor;
            }
        }
        return 10 * power * factor;
    }

    private int stepIndex(double magnitude) {
        int index = 0;
        for (int i = 1; i < steps.size(); i++) {
            if (magnitude >= steps.get(i).factor()) {
                index = i;
            }
        }
        return index;
    }

    private static BigDecimal round(double value) {
        BigDecimal rounded = new BigDecimal(value).round(THREE_DIGITS).stripTrailingZeros();
        return rounded.signum() == 0 ? BigDecimal.ZERO : rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
