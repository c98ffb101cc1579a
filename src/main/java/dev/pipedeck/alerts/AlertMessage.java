package dev.pipedeck.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** An alert event in words, for people: the headline and detail lines that Slack messages and emails are made of. */
final class AlertMessage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final AlertEvent event;
    private final boolean test;

    AlertMessage(AlertEvent event, boolean test) {
        this.event = event;
        this.test = test;
    }

    /** "FIRING", "FIRING (again)" or "RESOLVED", with "TEST" in front for a test notification. */
    String status() {
        String status = event.resolved() ? "RESOLVED" : event.repeat() ? "FIRING (still)" : "FIRING";
        return test ? "TEST " + status : status;
    }

    /** "payments from MSK is stalled" or, resolved, "payments from MSK is no longer stalled". */
    String headline() {
        return event.pipeLabel() + (event.resolved() ? " is no longer " : " is ") + event.health();
    }

    String subject() {
        return "[Pipedeck] " + status() + ": " + headline();
    }

    /** The reason, then the rule, the times and the ids; each line plain text. */
    List<String> details() {
        List<String> lines = new ArrayList<>();
        if (test) {
            lines.add("This is a test notification sent from Pipedeck; no pipe is affected.");
        }
        if (event.reason() != null && !event.reason().isBlank()) {
            lines.add(event.reason());
        }
        lines.add("Rule: " + event.ruleName());
        if (event.resolved()) {
            lines.add("Fired " + time(event.firedAt()) + ", resolved " + time(event.resolvedAt())
                    + duration(event.firedAt(), event.resolvedAt()));
        } else {
            lines.add("Firing since " + time(event.firedAt()) + " (first seen " + time(event.pendingSince()) + ")");
        }
        lines.add("Pipe " + event.pipeId() + " · service " + event.serviceId() + " · organization "
                + event.organizationId());
        return lines;
    }

    @Nullable
    String link() {
        return event.link();
    }

    private static String time(@Nullable String instant) {
        return instant == null ? "-" : TIME.format(Instant.parse(instant));
    }

    private static String duration(@Nullable String from, @Nullable String to) {
        if (from == null || to == null) {
            return "";
        }
        Duration duration = Duration.between(Instant.parse(from), Instant.parse(to));
        return " (" + readable(duration) + ")";
    }

    /** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
    static String readable(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }
}
