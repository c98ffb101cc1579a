package dev.pipedeck.pipes;

import java.util.ArrayList;
import java.util.List;

/**
 * A form part: custom private DNS names typed as rows ({@code privateDnsNames[0]}, {@code privateDnsNames[1]}, …).
 * Pages work without scripts, so rows cannot be added live: the form always carries a few blank ones.
 */
public abstract class DnsNameRows {

    static final int BLANK_ROWS = 2;
    static final int MINIMUM_ROWS = 3;

    private List<String> privateDnsNames = new ArrayList<>();

    public List<String> getPrivateDnsNames() {
        return privateDnsNames;
    }

    public void setPrivateDnsNames(List<String> privateDnsNames) {
        this.privateDnsNames = privateDnsNames == null ? new ArrayList<>() : new ArrayList<>(privateDnsNames);
    }

    /** The names typed, in order, without blank rows; each stripped of surrounding spaces. */
    public List<String> typedNames() {
        return privateDnsNames.stream().filter(name -> name != null && !name.isBlank()).map(String::strip).toList();
    }

    /** Keeps every row as typed (so messages still point at the right one) and adds blank rows after them. */
    void addBlankRows() {
        List<String> rows = new ArrayList<>(privateDnsNames);
        int last = rows.size() - 1;
        while (last >= 0 && (rows.get(last) == null || rows.get(last).isBlank())) {
            last--;
        }
        int wanted = Math.max(MINIMUM_ROWS, last + 1 + BLANK_ROWS);
        while (rows.size() < wanted) {
            rows.add("");
        }
        privateDnsNames = rows;
    }
}
