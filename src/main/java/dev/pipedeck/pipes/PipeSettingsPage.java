package dev.pipedeck.pipes;

import java.time.Instant;
import java.util.List;

import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.orgs.OrgConnection;

/**
 * The settings editor of one pipe, as the page shows it.
 *
 * @param connection the organization's connection, for breadcrumbs
 * @param serviceId the service's id
 * @param serviceName the service's name, or its id when it could not be read
 * @param pipeId the pipe's id
 * @param pipeName the pipe's name, or null when the pipe could not be read
 * @param sourceKind the wire name of the pipe's source kind ({@code kafka}, …), or null
 * @param seenUpdatedAt the pipe's {@code updatedAt} the form was filled from (sent back hidden for the conflict check)
 * @param rows the settings that apply to the pipe's kind, in the spec's order
 * @param otherSettings settings ClickHouse Cloud holds that do not apply to this kind or are unknown to Pipedeck
 *        ({@code key = value}), shown read-only
 * @param loadProblem why the pipe or its settings could not be read (then there is no form)
 * @param applyProblem why ClickHouse Cloud refused the change (the form keeps what was typed)
 * @param conflict what someone else changed since the user loaded the page, or null
 * @param notice a plain note, e.g. that nothing was changed
 */
public record PipeSettingsPage(OrgConnection connection, String serviceId, String serviceName, String pipeId,
        String pipeName, String sourceKind, String seenUpdatedAt, List<SettingRow> rows, List<String> otherSettings,
        CloudProblem loadProblem, CloudProblem applyProblem, Conflict conflict, String notice) {

    /**
     * The pipe changed in ClickHouse Cloud after the user loaded the page: when, what changed in its settings (the
     * value the user saw → the value now), and the user's own changes (now → what they typed), which the form keeps
     * for them to re-apply.
     */
    public record Conflict(Instant seenUpdatedAt, Instant updatedAt, List<SettingChange> changedMeanwhile,
            List<SettingChange> yourChanges) {
    }

    public String kindLabel() {
        return SettingsCatalogue.kindLabel(sourceKind);
    }

    public boolean hasErrors() {
        return rows.stream().anyMatch(row -> row.error() != null);
    }

    PipeSettingsPage withRows(List<SettingRow> newRows) {
        return new PipeSettingsPage(connection, serviceId, serviceName, pipeId, pipeName, sourceKind, seenUpdatedAt,
                newRows, otherSettings, loadProblem, applyProblem, conflict, notice);
    }

    PipeSettingsPage withApplyProblem(CloudProblem problem) {
        return new PipeSettingsPage(connection, serviceId, serviceName, pipeId, pipeName, sourceKind, seenUpdatedAt,
                rows, otherSettings, loadProblem, problem, conflict, notice);
    }

    PipeSettingsPage withNotice(String text) {
        return new PipeSettingsPage(connection, serviceId, serviceName, pipeId, pipeName, sourceKind, seenUpdatedAt,
                rows, otherSettings, loadProblem, applyProblem, conflict, text);
    }

    PipeSettingsPage withConflict(Conflict newConflict, String newSeenUpdatedAt, List<SettingRow> newRows) {
        return new PipeSettingsPage(connection, serviceId, serviceName, pipeId, pipeName, sourceKind, newSeenUpdatedAt,
                newRows, otherSettings, loadProblem, applyProblem, newConflict, notice);
    }
}
