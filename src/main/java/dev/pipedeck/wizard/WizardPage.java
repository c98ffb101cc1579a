package dev.pipedeck.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A wizard step as its page shows it: the steps for the progress bar, the current step's fields with what was typed
 * (never a secret: only whether one is stored), the messages per field, and the columns editor's rows.
 */
public record WizardPage(WizardDraft draft, List<WizardStep> steps, int current, Map<String, String> errors,
        List<WizardField> tableFields) {

    /** A table mapping row: its number and its fields, named {@code tables.N.<field>}. */
    public record TableRow(int row, List<WizardField> fields) {
    }

    /** A row of the columns editor, blank ones included. */
    public record ColumnRow(int row, String name, String type, String source) {
    }

    /** A line of the review's summary. */
    public record SummaryLine(String label, String value) {
    }

    public WizardStep step() {
        return steps.get(current - 1);
    }

    public String value(String name) {
        return draft.values().raw(name);
    }

    public boolean checked(String name) {
        return draft.values().isOn(name);
    }

    public boolean stored(String name) {
        return draft.values().hasSecret(name);
    }

    public String error(String name) {
        return errors.get(name);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Whether the step can be gone to from here: any step reached so far, and the next one. */
    public boolean reachable(int number) {
        return number <= Math.max(draft.step(), current + 1) && number != current;
    }

    /** An element id for a field name ({@code destination.table} → {@code f-destination-table}). */
    public static String id(String name) {
        return "f-" + name.replace('.', '-');
    }

    public String fieldId(String name) {
        return id(name);
    }

    public List<ColumnRow> columnRows() {
        List<ColumnRow> rows = new ArrayList<>();
        for (int row : StreamingDestination.rows(draft.values())) {
            rows.add(new ColumnRow(row, value("columns." + row + ".name"), value("columns." + row + ".type"),
                    value("columns." + row + ".source")));
        }
        return rows;
    }

    /** Whether step 3 maps tables (database kinds) rather than defining one table's columns. */
    public boolean mapsTables() {
        return !tableFields.isEmpty();
    }

    public List<TableRow> tableRows() {
        List<TableRow> rows = new ArrayList<>();
        for (int row : RowEditor.rows(DatabaseDestination.PREFIX, draft.values().values())) {
            rows.add(new TableRow(row, DatabaseDestination.rowFields(tableFields, row)));
        }
        return rows;
    }

    public List<String> commonTypes() {
        return StreamingDestination.COMMON_TYPES;
    }

    /** What was chosen on each step, for the review: labels and values, secrets only as "stored". */
    public List<SummaryLine> summary(WizardStep step) {
        List<SummaryLine> lines = new ArrayList<>();
        for (WizardField field : step.fields()) {
            if (!field.appliesTo(draft.values())) {
                continue;
            }
            if (field.secret()) {
                if (stored(field.name())) {
                    lines.add(new SummaryLine(field.label(), "stored, encrypted (never shown)"));
                }
                continue;
            }
            String value = draft.values().get(field.name());
            if (value == null) {
                continue;
            }
            String shown = field.options().stream().filter(o -> o.value().equals(value)).map(FieldOption::label)
                    .findFirst().orElse(field.type() == FieldType.CHECKBOX ? "on" : value);
            lines.add(new SummaryLine(field.label(), shown));
        }
        if (step.number() == WizardStep.DESTINATION && mapsTables()) {
            for (int row : DatabaseDestination.filledRows(tableFields, draft.values())) {
                List<String> parts = new ArrayList<>();
                for (WizardField field : DatabaseDestination.rowFields(tableFields, row)) {
                    String value = draft.values().get(field.name());
                    if (value != null) {
                        parts.add(field.label() + " " + value);
                    }
                }
                lines.add(new SummaryLine("Table " + (row + 1), String.join(" · ", parts)));
            }
        }
        if (step.number() == WizardStep.DESTINATION && !mapsTables()) {
            for (StreamingDestination.Column column : StreamingDestination.columns(draft.values())) {
                lines.add(new SummaryLine("Column " + column.name(), column.type()
                        + (column.source() != null && !column.source().equals(column.name())
                                ? " ← " + column.source() : "")));
            }
        }
        return lines;
    }
}
