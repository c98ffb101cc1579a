package dev.pipedeck.pipes;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the user was looking at when they filled in an edit form, sent back in hidden fields: the pipe's
 * {@code updatedAt} (for the concurrent-edit check) and its name, state and tables (to say what changed since). Only
 * ever used to compare and to describe; never sent upstream.
 */
public abstract class SeenPipeForm {

    private String seenUpdatedAt = "";
    private String seenName = "";
    private String seenState = "";
    private List<String> seenTables = new ArrayList<>();

    public String getSeenUpdatedAt() {
        return seenUpdatedAt;
    }

    public void setSeenUpdatedAt(String seenUpdatedAt) {
        this.seenUpdatedAt = seenUpdatedAt;
    }

    public String getSeenName() {
        return seenName;
    }

    public void setSeenName(String seenName) {
        this.seenName = seenName;
    }

    public String getSeenState() {
        return seenState;
    }

    public void setSeenState(String seenState) {
        this.seenState = seenState;
    }

    public List<String> getSeenTables() {
        return seenTables;
    }

    public void setSeenTables(List<String> seenTables) {
        this.seenTables = seenTables == null ? new ArrayList<>() : seenTables;
    }

    /** The {@code updatedAt} the user saw, or null when the form did not say (then there is nothing to compare). */
    Instant seenUpdatedAtInstant() {
        if (seenUpdatedAt == null || seenUpdatedAt.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(seenUpdatedAt.strip());
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
