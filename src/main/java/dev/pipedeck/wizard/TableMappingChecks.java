package dev.pipedeck.wizard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks shared by the MongoDB and BigQuery table mapping rows: a target table name ClickHouse and ClickPipes take as
 * it is typed, each target table and each source table named once, and comma-separated column lists.
 */
final class TableMappingChecks {

    /** Letters, digits, underscores and hyphens: a name that needs no quoting in a query, or only for the hyphen. */
    private static final Pattern TARGET_TABLE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

    private TableMappingChecks() {
    }

    /** Why {@code name} cannot be a target table, or null when it can (or is absent: the required check says so). */
    static String targetTableProblem(String name) {
        if (name == null) {
            return null;
        }
        if (name.contains(".")) {
            return "Type the table's name only: the target database is chosen above, so \"" + name
                    + "\" needs no \"database.\" in front.";
        }
        if (!TARGET_TABLE.matcher(name).matches()) {
            return "A target table name is letters, digits, _ and -, e.g. mydb_users.";
        }
        return null;
    }

    /**
     * Marks every row whose {@code key} was already used by an earlier row: {@code field} of that row gets {@code
     * message} (given the first row's number, counted from 1).
     */
    static void onlyOnce(Map<String, String> errors, List<Integer> rows, Map<Integer, String> keys, String field,
            MessageForRepeat message) {
        Map<String, Integer> first = new LinkedHashMap<>();
        int position = 0;
        for (int row : rows) {
            position++;
            String key = keys.get(row);
            if (key == null) {
                continue;
            }
            Integer earlier = first.putIfAbsent(key, position);
            if (earlier != null) {
                errors.putIfAbsent(DatabaseDestination.PREFIX + "." + row + "." + field, message.text(earlier));
            }
        }
    }

    /** The message for a row repeating row {@code earlierRow} (counted from 1, as the editor numbers rows). */
    @FunctionalInterface
    interface MessageForRepeat {
        String text(int earlierRow);
    }

    /** A comma-separated list typed in a row, items trimmed, blanks left out; empty when nothing was typed. */
    static List<String> list(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** The items of a list that are named more than once, in order. */
    static List<String> repeated(List<String> items) {
        Set<String> seen = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        for (String item : items) {
            if (!seen.add(item) && !repeated.contains(item)) {
                repeated.add(item);
            }
        }
        return repeated;
    }
}
