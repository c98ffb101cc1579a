package dev.pipedeck.health;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The spans a pipe's charts can show, as the URL names them ({@code ?window=24h}): how far back, how far apart the
 * time labels are and how they read (UTC, like every time on the pipe page).
 */
public enum ChartWindow {

    HOUR("1h", "1 h", "the last hour", Duration.ofHours(1), Duration.ofMinutes(15), "HH:mm"),
    DAY("24h", "24 h", "the last 24 hours", Duration.ofHours(24), Duration.ofHours(6), "HH:mm"),
    WEEK("7d", "7 d", "the last 7 days", Duration.ofDays(7), Duration.ofDays(1), "MMM d");

    private final String parameter;
    private final String label;
    private final String description;
    private final Duration span;
    private final Duration labelEvery;
    private final DateTimeFormatter labelFormat;

    ChartWindow(String parameter, String label, String description, Duration span, Duration labelEvery,
            String labelPattern) {
        this.parameter = parameter;
        this.label = label;
        this.description = description;
        this.span = span;
        this.labelEvery = labelEvery;
        this.labelFormat = DateTimeFormatter.ofPattern(labelPattern, Locale.ENGLISH).withZone(ZoneOffset.UTC);
    }

    /** The window {@code parameter} names ("1h", "24h", "7d"); the last hour for anything else. */
    public static ChartWindow parse(String parameter) {
        for (ChartWindow window : values()) {
            if (window.parameter.equals(parameter)) {
                return window;
            }
        }
        return HOUR;
    }

    /** How the URL names it. */
    public String parameter() {
        return parameter;
    }

    /** The link's text ("24 h"). */
    public String label() {
        return label;
    }

    /** In a sentence ("the last 24 hours"). */
    public String description() {
        return description;
    }

    public Duration span() {
        return span;
    }

    /** How far apart the time labels are (aligned to whole hours or days in UTC). */
    public Duration labelEvery() {
        return labelEvery;
    }

    public DateTimeFormatter labelFormat() {
        return labelFormat;
    }
}
