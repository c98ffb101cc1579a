package dev.pipedeck.pipes;

import java.util.ArrayList;
import java.util.List;

/**
 * Table mappings to add (rows, blank ones ignored) and to remove (the target tables of existing mappings) in one
 * pause → change → start run.
 */
public class TableMappingsForm extends SeenPipeForm {

    /** Blank rows a fresh form offers. */
    static final int BLANK_ROWS = 2;
    /** The most rows one form carries. */
    static final int MOST_ROWS = 50;

    private List<TableMappingRow> add = new ArrayList<>();
    private List<String> remove = new ArrayList<>();

    static TableMappingsForm blank() {
        TableMappingsForm form = new TableMappingsForm();
        for (int i = 0; i < BLANK_ROWS; i++) {
            form.add.add(new TableMappingRow());
        }
        return form;
    }

    public List<TableMappingRow> getAdd() {
        return add;
    }

    public void setAdd(List<TableMappingRow> add) {
        this.add = add == null ? new ArrayList<>() : add;
    }

    public List<String> getRemove() {
        return remove;
    }

    public void setRemove(List<String> remove) {
        this.remove = remove == null ? new ArrayList<>() : remove;
    }

    /** One more blank row (the no-JavaScript "Add row" button), up to {@link #MOST_ROWS}. */
    void addBlankRow() {
        if (add.size() < MOST_ROWS) {
            add.add(new TableMappingRow());
        }
    }

    /** Rows beyond {@link #MOST_ROWS} are dropped; a form with none gets one blank row. */
    void tidyRows() {
        while (add.size() > MOST_ROWS) {
            add.remove(add.size() - 1);
        }
        for (int i = 0; i < add.size(); i++) {
            if (add.get(i) == null) {
                add.set(i, new TableMappingRow());
            }
        }
        if (add.isEmpty()) {
            add.add(new TableMappingRow());
        }
    }

    public boolean removes(String targetTable) {
        return remove.contains(targetTable);
    }
}
