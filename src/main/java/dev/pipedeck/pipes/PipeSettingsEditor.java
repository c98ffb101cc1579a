package dev.pipedeck.pipes;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditResult;
import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeSettings;
import dev.pipedeck.orgs.OrgConnection;

/**
 * The advanced settings of a pipe: everyone reads them, operators change them. Only the settings the user changed are
 * sent ({@code PUT …/settings} merges them into the rest), each checked against the spec's range first, and only
 * when nobody changed the pipe since the user loaded the form.
 */
@Service
public class PipeSettingsEditor {

    /** Prefix of the hidden inputs holding the values the user was shown. */
    public static final String SEEN_PREFIX = "seen.";
    /** The hidden input holding the pipe's {@code updatedAt} the user was shown. */
    public static final String SEEN_UPDATED_AT = "seenUpdatedAt";

    static final String ACTION = "pipe.settings.update";
    private static final Duration READ_LIMIT = Duration.ofSeconds(90);

    private final AuditedCloudCalls calls;
    private final ClickHouseCloudClient cloud;

    public PipeSettingsEditor(AuditedCloudCalls calls, ClickHouseCloudClient cloud) {
        this.calls = calls;
        this.cloud = cloud;
    }

    /** The pipe and its current settings, as the form shows them. */
    @PreAuthorize("hasRole('VIEWER')")
    public PipeSettingsPage read(PipeRef ref) {
        Loaded loaded = load(ref);
        if (loaded.page().loadProblem() != null) {
            return loaded.page();
        }
        List<SettingRow> rows = new ArrayList<>();
        for (SettingField field : SettingsCatalogue.forKind(loaded.page().sourceKind())) {
            String current = field.text(loaded.settings().get(field.key()));
            rows.add(new SettingRow(field, current, current, null));
        }
        return loaded.page().withRows(rows);
    }

    /**
     * Applies the fields the user changed ({@code form} holds each setting's typed value under its key, the value they
     * were shown under {@value #SEEN_PREFIX}key, and {@value #SEEN_UPDATED_AT}). Refuses out-of-range values at their
     * field, and sends nothing when the pipe changed since the user loaded the form.
     */
    @PreAuthorize("hasRole('OPERATOR')")
    public SettingsApplied apply(PipeRef ref, Map<String, String> form) {
        Loaded loaded = load(ref);
        PipeSettingsPage page = loaded.page();
        if (page.loadProblem() != null) {
            return SettingsApplied.notApplied(page);
        }
        List<SettingRow> rows = new ArrayList<>();
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> wanted = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();
        for (SettingField field : SettingsCatalogue.forKind(page.sourceKind())) {
            String seen = form.containsKey(SEEN_PREFIX + field.key()) ? form.get(SEEN_PREFIX + field.key())
                    : field.text(loaded.settings().get(field.key()));
            String typed = form.containsKey(field.key()) ? form.get(field.key()) : seen;
            SettingField.Parsed parsed = field.parse(typed);
            rows.add(new SettingRow(field, typed == null ? "" : typed, seen, parsed.error()));
            if (!parsed.valid()) {
                reasons.add(field.label() + ": " + parsed.error());
            } else if (!field.same(parsed.value(), field.parseLeniently(seen))) {
                before.put(field.key(), field.parseLeniently(seen));
                wanted.put(field.key(), parsed.value());
            }
        }
        page = page.withRows(rows);
        if (!reasons.isEmpty()) {
            calls.refused(AuditEntry.of(ACTION).target(calls.target(ref, page.pipeName())).request(typedValues(form)),
                    reasons);
            return SettingsApplied.notApplied(page);
        }
        if (wanted.isEmpty()) {
            return SettingsApplied.notApplied(page.withNotice("Nothing changed, so nothing was sent."));
        }

        Instant seenUpdatedAt = instant(form.get(SEEN_UPDATED_AT));
        Optional<ClickPipe> changed;
        try {
            changed = calls.changedSince(ref, seenUpdatedAt);
        } catch (RuntimeException e) {
            return SettingsApplied.notApplied(page.withApplyProblem(CloudProblem.of(e)));
        }
        if (changed.isPresent()) {
            return SettingsApplied.notApplied(conflict(ref, page, seenUpdatedAt, changed.get(), wanted));
        }

        ClickPipeSettings body = ClickPipeSettings.of(wanted);
        AuditEntry entry = AuditEntry.of(ACTION).target(calls.target(ref, page.pipeName())).request(body.values())
                .build();
        ChangeOutcome<ClickPipeSettings> outcome = calls.call(entry,
                connection -> cloud.clickPipeSettingsUpdate(connection, ref.serviceId(), ref.pipeId(), body),
                answer -> AuditResult.success().withChange(before, after(wanted, answer)));
        if (!outcome.succeeded()) {
            return SettingsApplied.notApplied(page.withApplyProblem(outcome.problem()));
        }
        Map<String, Object> after = after(wanted, outcome.value());
        List<SettingChange> changes = new ArrayList<>();
        for (String key : wanted.keySet()) {
            SettingField field = SettingsCatalogue.field(key).orElseThrow();
            changes.add(new SettingChange(key, field.label(), field.display(before.get(key)),
                    field.display(after.get(key))));
        }
        return SettingsApplied.done(changes);
    }

    /**
     * The page after a conflict: what changed meanwhile (seen → now), and the form again with the user's changes kept
     * on top of the current values, ready to re-apply against the new {@code updatedAt}.
     */
    private PipeSettingsPage conflict(PipeRef ref, PipeSettingsPage page, Instant seenUpdatedAt, ClickPipe current,
            Map<String, Object> wanted) {
        ClickPipeSettings now = current.settings() != null ? current.settings() : settings(ref);
        List<SettingChange> meanwhile = new ArrayList<>();
        List<SettingChange> yours = new ArrayList<>();
        List<SettingRow> rows = new ArrayList<>();
        for (SettingRow row : page.rows()) {
            SettingField field = row.field();
            Object seen = field.parseLeniently(row.seen());
            Object nowValue = now.get(field.key());
            if (!field.same(seen, nowValue)) {
                meanwhile.add(new SettingChange(field.key(), field.label(), field.display(seen),
                        field.display(nowValue)));
            }
            String nowText = field.text(nowValue);
            if (wanted.containsKey(field.key())) {
                yours.add(new SettingChange(field.key(), field.label(), field.display(nowValue),
                        field.display(wanted.get(field.key()))));
                rows.add(new SettingRow(field, row.value(), nowText, null));
            } else {
                rows.add(new SettingRow(field, nowText, nowText, null));
            }
        }
        calls.refused(AuditEntry.of(ACTION).target(calls.target(ref, page.pipeName())).request(wanted),
                List.of("The pipe changed in ClickHouse Cloud since the form was loaded (updatedAt " + seenUpdatedAt
                        + ", now " + current.updatedAt() + "); nothing was sent."));
        return page.withConflict(new PipeSettingsPage.Conflict(seenUpdatedAt, current.updatedAt(), meanwhile, yours),
                current.updatedAt().toString(), rows);
    }

    private record Loaded(PipeSettingsPage page, ClickPipeSettings settings) {
    }

    /** The pipe (for its name, kind and updatedAt), its service's name and its settings. */
    private Loaded load(PipeRef ref) {
        OrgConnection connection = calls.organization(ref.organizationId());
        CloudConnection cloudConnection = calls.connection(ref.organizationId());
        String serviceName = ref.serviceId();
        ClickPipe pipe = null;
        try {
            serviceName = cloud.instanceGet(cloudConnection, ref.serviceId()).block(READ_LIMIT).name();
        } catch (RuntimeException unnamed) {
            // The id names the service well enough; the pipe read below reports what is wrong.
        }
        try {
            pipe = cloud.clickPipeGet(cloudConnection, ref.serviceId(), ref.pipeId()).block(READ_LIMIT);
            ClickPipeSettings settings = cloud.clickPipeSettingsGet(cloudConnection, ref.serviceId(), ref.pipeId())
                    .block(READ_LIMIT);
            String kind = pipe.source() == null ? null : pipe.source().kind();
            return new Loaded(new PipeSettingsPage(connection, ref.serviceId(), serviceName, ref.pipeId(), pipe.name(),
                    kind, pipe.updatedAt() == null ? "" : pipe.updatedAt().toString(), List.of(),
                    otherSettings(kind, settings), null, null, null, null), settings);
        } catch (RuntimeException e) {
            return new Loaded(new PipeSettingsPage(connection, ref.serviceId(), serviceName, ref.pipeId(),
                    pipe == null ? null : pipe.name(), null, "", List.of(), List.of(), CloudProblem.of(e), null, null,
                    null), ClickPipeSettings.of(Map.of()));
        }
    }

    private ClickPipeSettings settings(PipeRef ref) {
        return cloud.clickPipeSettingsGet(calls.connection(ref.organizationId()), ref.serviceId(), ref.pipeId())
                .block(READ_LIMIT);
    }

    private static List<String> otherSettings(String kind, ClickPipeSettings settings) {
        List<String> others = new ArrayList<>();
        settings.values().forEach((key, value) -> {
            boolean shown = SettingsCatalogue.field(key).map(field -> field.appliesTo(kind)).orElse(false);
            if (!shown && value != null) {
                others.add(key + " = " + value);
            }
        });
        return others;
    }

    /** The answer's values of the keys that were sent (a key the answer leaves out is back to its default). */
    private static Map<String, Object> after(Map<String, Object> sent, ClickPipeSettings answer) {
        Map<String, Object> after = new LinkedHashMap<>();
        for (String key : sent.keySet()) {
            after.put(key, answer == null ? sent.get(key) : answer.get(key));
        }
        return after;
    }

    /** What the user typed into the settings' inputs, for the audit record of a refusal. */
    private static Map<String, String> typedValues(Map<String, String> form) {
        Map<String, String> typed = new LinkedHashMap<>();
        for (SettingField field : SettingsCatalogue.all()) {
            if (form.containsKey(field.key())) {
                typed.put(field.key(), form.get(field.key()));
            }
        }
        return typed;
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeException unreadable) {
            return null;
        }
    }
}
