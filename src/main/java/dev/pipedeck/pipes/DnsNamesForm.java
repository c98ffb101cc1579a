package dev.pipedeck.pipes;

import java.util.List;

/**
 * The custom private DNS names of one endpoint, as rows ({@code privateDnsNames[0]}, …; blank rows are ignored), and
 * the names the operator saw when the page loaded ({@code seenNames}, separated by spaces): the spec's PATCH replaces the
 * whole list, so a list changed by someone else meanwhile is shown rather than overwritten.
 */
public class DnsNamesForm extends DnsNameRows {

    private String seenNames;

    /** The form for an endpoint's current names, with blank rows to add more. */
    public static DnsNamesForm of(List<String> currentNames) {
        DnsNamesForm form = new DnsNamesForm();
        form.setPrivateDnsNames(currentNames);
        form.seenNames = String.join(" ", currentNames);
        return form.withBlankRows();
    }

    public DnsNamesForm withBlankRows() {
        addBlankRows();
        return this;
    }

    public String getSeenNames() {
        return seenNames;
    }

    public void setSeenNames(String seenNames) {
        this.seenNames = seenNames;
    }
}
