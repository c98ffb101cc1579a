package dev.pipedeck.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends due notifications from the outbox, on {@code pipedeck.alerts.dispatch-interval}. Each round takes up to
 * {@link #BATCH} due rows, each by a conditional update that leases it to this round, sends them side by side, and
 * records each outcome while still holding the lease: delivered; failed and due again after
 * {@link AlertProperties#retryAfter(int)}; or, after {@code max-attempts} tries or a refusal no retry would change,
 * failed for good. Nothing is kept in memory between rounds: a restarted instance neither loses nor repeats a
 * notification, and two instances never send the same row (barring a crash between sending and recording, which is
 * what the notification id header is for).
 */
@Component
public class NotificationDispatcher {

    static final int BATCH = 16;

    private static final int MOST_ROUNDS_AT_ONCE = 20;

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final NotificationOutbox outbox;
    private final AlertChannels channels;
    private final NotificationSender sender;
    private final AlertProperties properties;
    private final Clock clock;

    public NotificationDispatcher(NotificationOutbox outbox, AlertChannels channels, NotificationSender sender,
            AlertProperties properties, Clock clock) {
        this.outbox = outbox;
        this.channels = channels;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
    }

    /** What one round did. */
    public record Round(int delivered, int retrying, int failed) {

        public int sent() {
            return delivered + retrying + failed;
        }
    }

    @Scheduled(fixedDelayString = "${pipedeck.alerts.dispatch-interval:10s}",
            initialDelayString = "${pipedeck.alerts.dispatch-interval:10s}")
    public void dispatchOnSchedule() {
        if (!properties.enabled()) {
            return;
        }
        try {
            // Another round at once while rounds deliver: a full batch leaves more due, and a delivered "firing"
            // releases the "resolved" that waited for it.
            Round round;
            int rounds = 0;
            do {
                round = dispatchDue();
            } while (round.delivered() > 0 && ++rounds < MOST_ROUNDS_AT_ONCE);
        } catch (RuntimeException e) {
            log.warn("Alert notifications could not be dispatched: {}", e.toString());
        }
    }

    /** Sends the notifications due now (one batch); returns what happened. */
    public Round dispatchDue() {
        Instant now = clock.instant();
        String token = UUID.randomUUID().toString();
        List<Notification> claimed = new ArrayList<>();
        for (Long id : outbox.due(now, BATCH)) {
            if (outbox.claim(id, token, now, now.plus(properties.lease()))) {
                Notification notification = outbox.find(id);
                if (notification != null) {
                    claimed.add(notification);
                }
            }
        }
        if (claimed.isEmpty()) {
            return new Round(0, 0, 0);
        }
        Map<Long, AlertChannel> byId = channels.list().stream()
                .collect(Collectors.toMap(AlertChannel::id, Function.identity()));
        List<Outcome> outcomes = Flux.fromIterable(claimed)
                .flatMap(notification -> send(notification, byId), BATCH)
                .collectList()
                .block(properties.deliveryTimeout().multipliedBy(2).plus(Duration.ofSeconds(30)));
        int delivered = 0;
        int retrying = 0;
        int failed = 0;
        for (Outcome outcome : outcomes == null ? List.<Outcome>of() : outcomes) {
            switch (record(outcome, token)) {
                case DELIVERED -> delivered++;
                case PENDING -> retrying++;
                case FAILED -> failed++;
            }
        }
        return new Round(delivered, retrying, failed);
    }

    private Mono<Outcome> send(Notification notification, Map<Long, AlertChannel> byId) {
        AlertChannel channel = notification.channelId() == null ? null : byId.get(notification.channelId());
        if (channel == null) {
            return Mono.just(new Outcome(notification, DeliveryResult.giveUp("The channel was deleted.")));
        }
        Optional<ChannelTarget> target;
        try {
            target = channel.kind().usesUrl() ? channels.target(channel.id()) : Optional.empty();
        } catch (RuntimeException e) {
            return Mono.just(new Outcome(notification,
                    DeliveryResult.retry("The channel's URL could not be decrypted: " + e.getClass().getSimpleName())));
        }
        return sender.send(channel, target.orElse(null), notification.alertEvent(), notification.notificationId(),
                false).map(result -> new Outcome(notification, result));
    }

    private NotificationStatus record(Outcome outcome, String token) {
        Notification notification = outcome.notification();
        DeliveryResult result = outcome.result();
        Instant now = clock.instant();
        if (result.delivered()) {
            if (!outbox.delivered(notification.id(), token, now)) {
                log.warn("Alert notification {} was sent, but its lease had run out: it may be sent again",
                        notification.notificationId());
            }
            return NotificationStatus.DELIVERED;
        }
        int attempts = notification.attempts() + 1;
        boolean giveUp = result.permanent() || attempts >= properties.maxAttempts();
        Instant retryAt = giveUp ? null : now.plus(properties.retryAfter(attempts));
        outbox.failed(notification.id(), token, now, result.detail(), retryAt);
        if (giveUp) {
            log.warn("Alert notification {} to channel {} given up after {} tries: {}", notification.notificationId(),
                    notification.channelName(), attempts, result.detail());
            return NotificationStatus.FAILED;
        }
        log.info("Alert notification {} to channel {} failed (try {} of {}), next try at {}: {}",
                notification.notificationId(), notification.channelName(), attempts, properties.maxAttempts(),
                retryAt, result.detail());
        return NotificationStatus.PENDING;
    }

    private record Outcome(Notification notification, DeliveryResult result) {
    }
}
