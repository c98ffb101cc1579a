package dev.pipedeck.pipes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What is wrong with a form: messages for fields (by their form path, e.g. {@code add[1].targetTable}) and for the whole form. */
public final class FormProblems {

    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<String> global = new ArrayList<>();

    static FormProblems none() {
        return new FormProblems();
    }

    static FormProblems ofGlobal(String message) {
        return new FormProblems().global(message);
    }

    /** The first message for a field wins: it names what to fix first. */
    FormProblems field(String path, String message) {
        fields.putIfAbsent(path, message);
        return this;
    }

    FormProblems global(String message) {
        global.add(message);
        return this;
    }

    public boolean isEmpty() {
        return fields.isEmpty() && global.isEmpty();
    }

    public Map<String, String> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public List<String> globals() {
        return Collections.unmodifiableList(global);
    }

    /** Every message, for the audit record of the refusal: "path: message", then the form's own. */
    List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        fields.forEach((path, message) -> reasons.add(path + ": " + message));
        reasons.addAll(global);
        return reasons;
    }
}
