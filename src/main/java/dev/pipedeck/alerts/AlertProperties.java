package dev.pipedeck.alerts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Health alerts ({@code pipedeck.alerts.*}).
 *
 * @param enabled whether alerts are evaluated (after each metrics scrape and on {@code evaluateInterval}) and
 *        notifications dispatched in the background at all
 * @param evaluateInterval how often rules are evaluated besides after each scrape, so "for" durations and repeats
 *        come due even while no scrape succeeds
 * @param dispatchInterval how often due notifications are sent
 * @param maxAttempts tries per notification and channel before it is given up as failed
 * @param firstRetryAfter the wait after the first failed try; each further failure doubles it
 * @param maxRetryAfter the longest wait between tries
 * @param deliveryTimeout how long one try may take (connect and answer, or the SMTP conversation)
 * @param consoleUrl this console's external address (e.g. {@code https://pipedeck.example.com}), for links to the
 *        pipe page in notifications; none when blank
 * @param emailFrom the sender address of alert emails
 * @param historyRetention how long resolved alerts and their notifications are kept
 */
@ConfigurationProperties("pipedeck.alerts")
public record AlertProperties(@DefaultValue("true") boolean enabled, @DefaultValue("60s") Duration evaluateInterval,
        @DefaultValue("10s") Duration dispatchInterval, @DefaultValue("6") int maxAttempts,
        @DefaultValue("30s") Duration firstRetryAfter, @DefaultValue("30m") Duration maxRetryAfter,
        @DefaultValue("10s") Duration deliveryTimeout, @DefaultValue("") String consoleUrl,
        @DefaultValue("pipedeck@localhost") String emailFrom, @DefaultValue("90d") Duration historyRetention) {

    public AlertProperties {
        requirePositive("evaluate-interval", evaluateInterval);
        requirePositive("dispatch-interval", dispatchInterval);
        requirePositive("first-retry-after", firstRetryAfter);
        requirePositive("max-retry-after", maxRetryAfter);
        requirePositive("delivery-timeout", deliveryTimeout);
        requirePositive("history-retention", historyRetention);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("pipedeck.alerts.max-attempts must be at least 1");
        }
        if (maxRetryAfter.compareTo(firstRetryAfter) < 0) {
            throw new IllegalArgumentException("pipedeck.alerts.max-retry-after must not be shorter than "
                    + "first-retry-after");
        }
        consoleUrl = consoleUrl == null ? "" : consoleUrl.strip();
        while (consoleUrl.endsWith("/")) {
            consoleUrl = consoleUrl.substring(0, consoleUrl.length() - 1);
        }
        if (!consoleUrl.isEmpty() && !consoleUrl.startsWith("https://") && !consoleUrl.startsWith("http://")) {
            throw new IllegalArgumentException("pipedeck.alerts.console-url must start with https:// or http://");
        }
        emailFrom = emailFrom == null || emailFrom.isBlank() ? "pipedeck@localhost" : emailFrom.strip();
    }

    /** The wait after {@code failedAttempts} failed tries: first-retry-after, doubled each time, at most max. */
    public Duration retryAfter(int failedAttempts) {
        Duration wait = firstRetryAfter;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxRetryAfter) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait;
    }

    /**
     * How long a dispatcher holds a notification it took: its deliveries run side by side, so a round lasts about one
     * delivery timeout; twice that and a minute leave room, and a crashed holder's rows are taken over after it.
     */
    Duration lease() {
        return deliveryTimeout.multipliedBy(2).plus(Duration.ofMinutes(1));
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("pipedeck.alerts." + name + " must be positive");
        }
    }
}
