package dev.pipedeck.wizard;

import java.util.List;

/** One step of a wizard: 1 connection, 2 data, 3 destination, 4 scaling and settings, 5 review. */
public record WizardStep(int number, String title, String lead, List<WizardField> fields) {

    public static final int CONNECTION = 1;
    public static final int DATA = 2;
    public static final int DESTINATION = 3;
    public static final int SCALING = 4;
    public static final int REVIEW = 5;

    public boolean review() {
        return number == REVIEW;
    }
}
