package dev.pipedeck.wizard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repeated rows of a step (a table's columns; a database pipe's table mappings) edited without JavaScript: rows
 * are indexed values {@code prefix.N.part}; the button pressed adds a row, removes one or moves one up, and the rows
 * are numbered again from 0. Answers the changes to save (removed keys mapped to null).
 */
final class RowEditor {

    private RowEditor() {
    }

    /** The rows as posted, edited by {@code action}. Nothing posted for the prefix: nothing changes. */
    static Map<String, String> edited(String prefix, List<String> parts, WizardValues saved, Map<String, String> posted,
            StepAction action) {
        List<Integer> postedRows = rows(prefix, posted);
        List<List<String>> rows = new ArrayList<>();
        for (int row : postedRows) {
            List<String> values = new ArrayList<>();
            for (String part : parts) {
                values.add(posted.get(prefix + "." + row + "." + part));
            }
            rows.add(values);
        }
        int index = action.row() < 0 ? -1 : postedRows.indexOf(action.row());
        switch (action.kind()) {
            case ADD_ROW -> rows.add(new ArrayList<>(java.util.Collections.nCopies(parts.size(), (String) null)));
            case REMOVE_ROW -> {
                if (index >= 0) {
                    rows.remove(index);
                }
            }
            case MOVE_ROW_UP -> {
                if (index > 0) {
                    rows.add(index - 1, rows.remove(index));
                }
            }
            default -> {
                // saved as posted
            }
        }
        if (postedRows.isEmpty() && !action.editsRows()) {
            return Map.of(); // the page showed no editor: keep what is saved
        }
        return renumbered(prefix, parts, saved, rows);
    }

    /** Replaces every row of {@code prefix} by {@code rows} (each a value per part, in {@code parts} order). */
    static Map<String, String> renumbered(String prefix, List<String> parts, WizardValues saved,
            List<List<String>> rows) {
        Map<String, String> changes = new LinkedHashMap<>();
        saved.values().keySet().stream().filter(key -> key.startsWith(prefix + "."))
                .forEach(key -> changes.put(key, null));
        for (int i = 0; i < rows.size(); i++) {
            for (int part = 0; part < parts.size(); part++) {
                String value = rows.get(i).get(part);
                // an empty row keeps its first part as "", so the editor still shows it
                changes.put(prefix + "." + i + "." + parts.get(part), value == null ? (part == 0 ? "" : null) : value);
            }
        }
        return changes;
    }

    /** The row numbers present under {@code prefix}, in order. */
    static List<Integer> rows(String prefix, Map<String, String> values) {
        int start = prefix.length() + 1;
        return values.keySet().stream()
                .filter(key -> key.startsWith(prefix + ".") && key.indexOf('.', start) > start)
                .map(key -> key.substring(start, key.indexOf('.', start)))
                .filter(number -> number.chars().allMatch(Character::isDigit) && number.length() < 4)
                .map(Integer::valueOf).distinct().sorted().toList();
    }
}
