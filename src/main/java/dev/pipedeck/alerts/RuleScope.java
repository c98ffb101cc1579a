package dev.pipedeck.alerts;

/** Which pipes a rule watches. */
public enum RuleScope {

    ALL("All pipes"), ORGANIZATION("One organization"), SERVICE("One service"), PIPE("One pipe");

    private final String label;

    RuleScope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
