package dev.pipedeck.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The before → after view of a settings or scaling change: both JSON documents flattened to paths
 * ({@code replicas}, {@code credentials.username}, {@code tables[0].name}) and compared value by value.
 */
public final class AuditDiff {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One path: its value before and after (null when absent), and whether it changed. */
    public record Line(String path, String before, String after) {

        public boolean changed() {
            return before == null ? after != null : !before.equals(after);
        }

        public String kind() {
            if (before == null && after != null) {
                return "added";
            }
            if (before != null && after == null) {
                return "removed";
            }
            return changed() ? "changed" : "same";
        }
    }

    private AuditDiff() {
    }

    /** The lines of a record's change, changed ones first in document order, then unchanged ones. */
    public static List<Line> of(AuditRecord record) {
        if (!record.hasChange()) {
            return List.of();
        }
        Map<String, String> before = flatten(record.changeBefore());
        Map<String, String> after = flatten(record.changeAfter());
        Set<String> paths = new LinkedHashSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<Line> changed = new ArrayList<>();
        List<Line> same = new ArrayList<>();
        for (String path : paths) {
            Line line = new Line(path, before.get(path), after.get(path));
            (line.changed() ? changed : same).add(line);
        }
        changed.addAll(same);
        return changed;
    }

    /** JSON text indented for reading; text that is not JSON comes back as it is. */
    public static String pretty(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (JacksonException notJson) {
            return json;
        }
    }

    private static Map<String, String> flatten(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null) {
            return out;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException notJson) {
            out.put("(value)", json);
            return out;
        }
        flatten("", root, out);
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            if (!path.isEmpty()) {
                out.put(path, "null");
            }
            return;
        }
        if (node.isObject() && !node.isEmpty()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.put(path.isEmpty() ? "(value)" : path, node.isString() ? node.stringValue() : node.toString());
        }
    }
}
