package dev.pipedeck.wizard;

import java.util.Map;

import dev.pipedeck.cloud.CloudProblem;

/**
 * What became of a posted step: the draft as saved (what was typed is always kept), the step to show next, the
 * messages per field when it stays, and a note or upstream problem (schema discovery).
 */
public record StepOutcome(WizardDraft draft, int nextStep, Map<String, String> errors, String note,
        CloudProblem problem) {

    public boolean moved(int from) {
        return nextStep != from;
    }
}
