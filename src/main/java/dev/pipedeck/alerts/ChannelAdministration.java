package dev.pipedeck.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.audit.AuditTarget;

/**
 * Notification channels: everyone reads them (name, kind, scheme and host); admins add, change, delete and test them.
 * Every change is audited with the channel's scheme and host at most: a URL or header value never reaches an audit
 * record, a page or a log.
 */
@Service
public class ChannelAdministration {

    private final AlertChannels channels;
    private final AlertRules rules;
    private final NotificationOutbox outbox;
    private final NotificationSender sender;
    private final AuditLog audit;
    private final AlertProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public ChannelAdministration(AlertChannels channels, AlertRules rules, NotificationOutbox outbox,
            NotificationSender sender, AuditLog audit, AlertProperties properties, Clock clock,
            PlatformTransactionManager transactionManager) {
        this.channels = channels;
        this.rules = rules;
        this.outbox = outbox;
        this.sender = sender;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @PreAuthorize("hasRole('VIEWER')")
    public List<AlertChannel> list() {
        return channels.list();
    }

    @PreAuthorize("hasRole('VIEWER')")
    public AlertChannel get(long id) {
        return channels.find(id).orElseThrow(() -> new UnknownAlertObjectException("channel", id));
    }

    /** Whether email channels can be offered: {@code spring.mail.host} is set. */
    @PreAuthorize("hasRole('VIEWER')")
    public boolean emailAvailable() {
        return sender.emailAvailable();
    }

    /** The names of the rules that send to channel {@code id}. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<String> rulesUsing(long id) {
        return rules.namesUsing(id);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public AlertSaveOutcome create(ChannelForm form) {
        Map<String, String> problems = new LinkedHashMap<>(form.problems(false, null, false, sender.emailAvailable()));
        String name = ChannelForm.trimmed(form.getName());
        if (!problems.containsKey("name") && channels.nameTaken(name, null)) {
            problems.put("name", "Another channel has this name.");
        }
        AuditEntry.Builder entry = AuditEntry.of("alert.channel.created").request(form.summary())
                .secretValues(form.getUrl(), form.getHeaderValue());
        if (!problems.isEmpty()) {
            audit.recordIndependently(entry.invalid(String.join(" ", problems.values())).build());
            return AlertSaveOutcome.refused(problems);
        }
        ChannelKind kind = form.kind();
        String headerName = headerNameOf(form, kind);
        ChannelTarget target = kind.usesUrl() ? new ChannelTarget(ChannelForm.trimmed(form.getUrl()),
                headerName == null ? null : ChannelForm.trimmed(form.getHeaderValue())) : null;
        String emailTo = kind == ChannelKind.EMAIL ? ChannelForm.trimmed(form.getEmailTo()) : null;
        long id = transaction.execute(status -> {
            long created = channels.insert(name, kind, target, headerName, emailTo, clock.instant());
            audit.record(entry.change(null, describe(channels.find(created).orElseThrow())).build());
            return created;
        });
        return AlertSaveOutcome.saved(id);
    }

    /** Changes a channel; a blank URL or header value keeps the stored one. Its kind does not change. */
    @PreAuthorize("hasRole('ADMIN')")
    public AlertSaveOutcome update(long id, ChannelForm form) {
        AlertChannel existing = get(id);
        boolean headerStored = existing.headerName() != null;
        form.setKind(existing.kind().name());
        Map<String, String> problems = new LinkedHashMap<>(form.problems(true, existing.kind(), headerStored,
                sender.emailAvailable()));
        String name = ChannelForm.trimmed(form.getName());
        if (!problems.containsKey("name") && channels.nameTaken(name, id)) {
            problems.put("name", "Another channel has this name.");
        }
        AuditEntry.Builder entry = AuditEntry.of("alert.channel.updated").request(form.summary())
                .secretValues(form.getUrl(), form.getHeaderValue());
        if (!problems.isEmpty()) {
            audit.recordIndependently(entry.invalid(String.join(" ", problems.values())).build());
            return AlertSaveOutcome.refused(problems);
        }
        String headerName = headerNameOf(form, existing.kind());
        String emailTo = existing.kind() == ChannelKind.EMAIL ? ChannelForm.trimmed(form.getEmailTo()) : null;
        transaction.executeWithoutResult(status -> {
            ChannelTarget newTarget = null;
            if (existing.kind().usesUrl()) {
                ChannelTarget stored = channels.target(id).orElse(null);
                entry.secretValues(stored == null ? List.of() : secretsOf(stored));
                String url = ChannelForm.trimmed(form.getUrl()).isEmpty() && stored != null ? stored.url()
                        : ChannelForm.trimmed(form.getUrl());
                String typedHeader = ChannelForm.trimmed(form.getHeaderValue());
                String headerValue = headerName == null ? null
                        : !typedHeader.isEmpty() ? typedHeader : stored == null ? null : stored.headerValue();
                ChannelTarget merged = new ChannelTarget(url, headerValue);
                if (stored == null || !merged.equals(stored)) {
                    newTarget = merged;
                }
            }
            Map<String, Object> before = describe(existing);
            channels.update(id, name, headerName, emailTo, newTarget, clock.instant());
            Map<String, Object> after = describe(channels.find(id).orElseThrow());
            if (newTarget != null && !ChannelForm.trimmed(form.getUrl()).isEmpty()) {
                after.put("url", "(replaced)");
            }
            audit.record(entry.target(AuditTarget.NONE).change(before, after).build());
        });
        return AlertSaveOutcome.saved(id);
    }

    /**
     * Deletes a channel: rules stop sending to it, and its notifications not yet sent are given up. The audit record
     * names the rules that used it.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public void delete(long id) {
        AlertChannel existing = get(id);
        transaction.executeWithoutResult(status -> {
            List<String> usedBy = rules.namesUsing(id);
            int abandoned = outbox.failPendingOf(id, clock.instant(), "The channel was deleted.");
            channels.delete(id);
            Map<String, Object> request = describe(existing);
            request.put("usedByRules", usedBy);
            request.put("pendingNotificationsGivenUp", abandoned);
            audit.record(AuditEntry.of("alert.channel.deleted").request(request).build());
        });
    }

    /** Sends a test notification to channel {@code id} at once (not through the outbox) and audits the outcome. */
    @PreAuthorize("hasRole('ADMIN')")
    public DeliveryResult sendTest(long id) {
        AlertChannel channel = get(id);
        ChannelTarget target = channel.kind().usesUrl() ? channels.target(id).orElse(null) : null;
        String notificationId = UUID.randomUUID().toString();
        DeliveryResult result = sender.send(channel, target, testEvent(clock.instant()), notificationId, true)
                .block(properties.deliveryTimeout().plus(Duration.ofSeconds(15)));
        if (result == null) {
            result = DeliveryResult.retry("No outcome");
        }
        Map<String, Object> request = describe(channel);
        request.put("notificationId", notificationId);
        AuditEntry.Builder entry = AuditEntry.of("alert.channel.tested").request(request)
                .secretValues(target == null ? List.of() : secretsOf(target));
        if (!result.delivered()) {
            entry.upstreamError(null, result.detail(), null);
        }
        audit.recordIndependently(entry.build());
        return result;
    }

    /** A made-up firing alert, clearly labelled a test. */
    private AlertEvent testEvent(Instant now) {
        return new AlertEvent(0, AlertEvent.FIRING, false, null, "Test notification", "test-pipe",
                "example pipe", "test-organization", "test-service", "stalled",
                "Running, but no events fetched for 10 minutes (a test: nothing is wrong).", now.toString(),
                now.toString(), null, AlertEvent.linkTo(properties.consoleUrl(), "test-organization", "test-service",
                        "test-pipe"));
    }

    private static String headerNameOf(ChannelForm form, ChannelKind kind) {
        String header = ChannelForm.trimmed(form.getHeaderName());
        return kind == ChannelKind.WEBHOOK && !header.isEmpty() ? header : null;
    }

    private static List<String> secretsOf(ChannelTarget target) {
        List<String> secrets = new ArrayList<>();
        for (String part : target.secretParts()) {
            if (part != null && part.length() > 1) {
                secrets.add(part);
            }
        }
        return secrets;
    }

    /** What audit records show of a channel: never the URL or header value. */
    static Map<String, Object> describe(AlertChannel channel) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", channel.name());
        description.put("kind", channel.kind().name());
        if (channel.kind().usesUrl()) {
            description.put("target", channel.targetHint());
        }
        if (channel.headerName() != null) {
            description.put("headerName", channel.headerName());
        }
        if (channel.kind() == ChannelKind.EMAIL) {
            description.put("emailTo", channel.recipients());
        }
        return description;
    }
}
