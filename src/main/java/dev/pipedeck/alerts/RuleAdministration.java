package dev.pipedeck.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.audit.AuditTarget;
import dev.pipedeck.orgs.OrgConnection;
import dev.pipedeck.orgs.OrgConnectionService;

/**
 * Alert rules: everyone reads them; admins create, change, enable, disable and delete them, each change audited
 * ({@code alert.rule.created}, {@code .updated}, {@code .enabled}, {@code .disabled}, {@code .deleted}) with the
 * rule before and after. Disabling or deleting a rule resolves its firing alerts (its channels are told) and drops
 * its pending ones, in the same transaction.
 */
@Service
public class RuleAdministration {

    private final AlertRules rules;
    private final AlertChannels channels;
    private final StoredAlerts alerts;
    private final AlertTransitions transitions;
    private final OrgConnectionService organizations;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public RuleAdministration(AlertRules rules, AlertChannels channels, StoredAlerts alerts,
            AlertTransitions transitions, OrgConnectionService organizations, AuditLog audit, Clock clock,
            PlatformTransactionManager transactionManager) {
        this.rules = rules;
        this.channels = channels;
        this.alerts = alerts;
        this.transitions = transitions;
        this.organizations = organizations;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @PreAuthorize("hasRole('VIEWER')")
    public List<AlertRule> list() {
        return rules.list();
    }

    @PreAuthorize("hasRole('VIEWER')")
    public AlertRule get(long id) {
        return rules.find(id).orElseThrow(() -> new UnknownAlertObjectException("rule", id));
    }

    /** Channel names by id, for showing a rule's channels. */
    @PreAuthorize("hasRole('VIEWER')")
    public Map<Long, String> channelNames() {
        Map<Long, String> names = new LinkedHashMap<>();
        channels.list().forEach(channel -> names.put(channel.id(), channel.name()));
        return names;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public AlertSaveOutcome create(RuleForm form) {
        AuditEntry.Builder entry = AuditEntry.of("alert.rule.created").request(form.summary());
        Map<String, String> problems = problems(form, null);
        if (!problems.isEmpty()) {
            audit.recordIndependently(entry.invalid(String.join(" ", problems.values())).build());
            return AlertSaveOutcome.refused(problems);
        }
        long id = transaction.execute(status -> {
            Instant now = clock.instant();
            long created = rules.insert(form.toRule(0, now), now);
            AlertRule saved = rules.find(created).orElseThrow();
            audit.record(entry.target(targetOf(saved)).change(null, saved.describe(channelNamesUnchecked())).build());
            return created;
        });
        return AlertSaveOutcome.saved(id);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public AlertSaveOutcome update(long id, RuleForm form) {
        AlertRule existing = get(id);
        AuditEntry.Builder entry = AuditEntry.of("alert.rule.updated").target(targetOf(existing))
                .request(form.summary());
        Map<String, String> problems = problems(form, id);
        if (!problems.isEmpty()) {
            audit.recordIndependently(entry.invalid(String.join(" ", problems.values())).build());
            return AlertSaveOutcome.refused(problems);
        }
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            Map<Long, String> names = channelNamesUnchecked();
            rules.update(id, form.toRule(id, now), now);
            AlertRule saved = rules.find(id).orElseThrow();
            if (existing.enabled() && !saved.enabled()) {
                endOpenAlerts(existing, "The rule was disabled.", now);
            }
            audit.record(entry.target(targetOf(saved)).change(existing.describe(names), saved.describe(names))
                    .build());
        });
        return AlertSaveOutcome.saved(id);
    }

    /** Enables or disables a rule; disabling resolves its firing alerts. */
    @PreAuthorize("hasRole('ADMIN')")
    public void setEnabled(long id, boolean enabled) {
        AlertRule existing = get(id);
        if (existing.enabled() == enabled) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            rules.setEnabled(id, enabled, now);
            if (!enabled) {
                endOpenAlerts(existing, "The rule was disabled.", now);
            }
            Map<String, Object> before = Map.of("name", existing.name(), "enabled", existing.enabled());
            Map<String, Object> after = Map.of("name", existing.name(), "enabled", enabled);
            audit.record(AuditEntry.of(enabled ? "alert.rule.enabled" : "alert.rule.disabled")
                    .target(targetOf(existing)).change(before, after).build());
        });
    }

    /** Deletes a rule; its firing alerts are resolved first (its channels are told), its history stays. */
    @PreAuthorize("hasRole('ADMIN')")
    public void delete(long id) {
        AlertRule existing = get(id);
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            endOpenAlerts(existing, "The rule was deleted.", now);
            Map<String, Object> before = existing.describe(channelNamesUnchecked());
            rules.delete(id);
            audit.record(AuditEntry.of("alert.rule.deleted").target(targetOf(existing)).change(before, null).build());
        });
    }

    private void endOpenAlerts(AlertRule rule, String why, Instant now) {
        for (Alert alert : alerts.openOfRule(rule.id())) {
            transitions.end(alert, rule.channelIds(), why, now);
        }
    }

    private Map<String, String> problems(RuleForm form, Long exceptId) {
        Set<String> connected = organizations.list().stream().map(OrgConnection::getOrganizationId)
                .map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<Long> channelIds = channels.list().stream().map(AlertChannel::id).collect(Collectors.toSet());
        Map<String, String> problems = new LinkedHashMap<>(form.problems(connected, channelIds));
        if (!problems.containsKey("name") && rules.nameTaken(RuleForm.trimmed(form.getName()), exceptId)) {
            problems.put("name", "Another rule has this name.");
        }
        return problems;
    }

    private Map<Long, String> channelNamesUnchecked() {
        Map<Long, String> names = new LinkedHashMap<>();
        channels.list().forEach(channel -> names.put(channel.id(), channel.name()));
        return names;
    }

    private static AuditTarget targetOf(AlertRule rule) {
        return new AuditTarget(rule.organizationId(), null, rule.serviceId(), null, rule.pipeId(), null, null);
    }
}
