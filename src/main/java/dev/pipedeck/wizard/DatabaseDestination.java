package dev.pipedeck.wizard;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.pipedeck.cloud.clickpipe.ClickPipeDestination;

/**
 * The destination (step 3) and settings (step 4) of the kinds that replicate tables: the ClickHouse database that
 * receives them and the table mappings (rows {@code tables.N.<field>}, declared by the kind's wizard), and the
 * settings that apply — no per-pipe scaling, as database pipes share the service's CDC capacity.
 */
final class DatabaseDestination {

    static final String PREFIX = "tables";

    private DatabaseDestination() {
    }

    static List<WizardField> destinationFields() {
        return List.of(
                WizardField.named("destination.database", "Target database", FieldType.TEXT).required()
                        .help("The ClickHouse database the replicated tables go to.").build(),
                WizardField.named("destination.roles", "Roles of the ingest user", FieldType.TEXT)
                        .help("ClickHouse roles, comma-separated, granted to the user ClickPipes creates. "
                                + "Empty: the default role.").build());
    }

    static List<WizardField> settingsFields(String kind) {
        return SettingFields.of(kind);
    }

    /** The row fields of row {@code row}, named {@code tables.row.<field>} (their shownWhen rules too). */
    static List<WizardField> rowFields(List<WizardField> fields, int row) {
        String prefix = PREFIX + "." + row + ".";
        return fields.stream().map(f -> new WizardField(prefix + f.name(), f.label(), f.type(), f.required(),
                f.options(), f.min(), f.max(), f.help(), f.placeholder(),
                f.shownWhen().entrySet().stream().collect(Collectors.toMap(e -> prefix + e.getKey(),
                        Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)))).toList();
    }

    /** The rows with something typed in them, in order. */
    static List<Integer> filledRows(List<WizardField> fields, WizardValues values) {
        return RowEditor.rows(PREFIX, values.values()).stream()
                .filter(row -> fields.stream().anyMatch(f -> values.get(PREFIX + "." + row + "." + f.name()) != null))
                .toList();
    }

    static Map<String, String> errors(SourceWizard wizard, String type, WizardValues values) {
        List<WizardField> fields = wizard.tableMappingFields(type);
        Map<String, String> errors = new LinkedHashMap<>();
        List<Integer> rows = filledRows(fields, values);
        for (int row : rows) {
            errors.putAll(FieldValidation.errors(rowFields(fields, row), values));
        }
        if (rows.isEmpty()) {
            errors.put(PREFIX, "Add at least one table to replicate.");
        }
        wizard.tableMappingErrors(type, values).forEach(errors::putIfAbsent);
        return errors;
    }

    static ClickPipeDestination destination(WizardValues values) {
        String roles = values.get("destination.roles");
        List<String> roleList = roles == null ? null
                : Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList();
        return new ClickPipeDestination(values.get("destination.database"), null, null, null, null,
                roleList == null || roleList.isEmpty() ? null : roleList);
    }

    /** The parts of a row, for the editor: the kind's row field names. */
    static List<String> parts(SourceWizard wizard, String type) {
        return wizard.tableMappingFields(type).stream().map(WizardField::name).toList();
    }
}
