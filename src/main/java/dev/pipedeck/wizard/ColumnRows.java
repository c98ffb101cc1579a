package dev.pipedeck.wizard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoveryField;

/**
 * The destination step's columns editor without JavaScript: the rows as posted, with a row added, removed or moved up
 * by the button pressed, numbered again from 0. Answers the changes to save (removed keys mapped to null).
 */
final class ColumnRows {

    private static final String[] PARTS = { "name", "type", "source" };

    private ColumnRows() {
    }

    static Map<String, String> edited(WizardValues saved, Map<String, String> posted, StepAction action) {
        List<String[]> rows = new ArrayList<>();
        for (int row : rowsIn(posted)) {
            rows.add(new String[] { posted.get("columns." + row + ".name"), posted.get("columns." + row + ".type"),
                    posted.get("columns." + row + ".source") });
        }
        int index = action.row() < 0 ? -1 : rowsIn(posted).indexOf(action.row());
        switch (action.kind()) {
            case ADD_COLUMN -> rows.add(new String[] { "", "", "" });
            case REMOVE_COLUMN -> {
                if (index >= 0) {
                    rows.remove(index);
                }
            }
            case MOVE_COLUMN_UP -> {
                if (index > 0) {
                    rows.add(index - 1, rows.remove(index));
                }
            }
            default -> {
                // saved as posted
            }
        }
        if (rows.isEmpty() && rowsIn(posted).isEmpty() && action.kind() != StepAction.Kind.REMOVE_COLUMN) {
            return Map.of(); // the form showed no editor (nothing posted): keep what is saved
        }
        return renumbered(saved, rows);
    }

    /** The columns a schema discovery found, replacing the rows typed so far. */
    static Map<String, String> replacedBy(WizardValues saved, List<ClickPipeSchemaDiscoveryField> fields) {
        List<String[]> rows = new ArrayList<>();
        for (ClickPipeSchemaDiscoveryField field : fields) {
            String type = field.type();
            if (Boolean.TRUE.equals(field.optional()) && type != null && !type.startsWith("Nullable(")) {
                type = "Nullable(" + type + ")";
            }
            rows.add(new String[] { field.name(), type, null });
        }
        return renumbered(saved, rows);
    }

    private static Map<String, String> renumbered(WizardValues saved, List<String[]> rows) {
        Map<String, String> changes = new LinkedHashMap<>();
        saved.values().keySet().stream().filter(key -> key.startsWith("columns.")).forEach(key -> changes.put(key, null));
        for (int i = 0; i < rows.size(); i++) {
            for (int part = 0; part < PARTS.length; part++) {
                String value = rows.get(i)[part];
                // an empty added row is kept as an empty name, so the editor shows it
                changes.put("columns." + i + "." + PARTS[part], value == null ? (part == 0 ? "" : null) : value);
            }
        }
        return changes;
    }

    private static List<Integer> rowsIn(Map<String, String> posted) {
        return StreamingDestination.rows(new WizardValues(posted, Map.of()));
    }
}
