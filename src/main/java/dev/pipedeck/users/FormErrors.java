package dev.pipedeck.users;

import org.springframework.validation.BindingResult;

/** Puts a rule's message next to the field it concerns, or at the top of the form. */
final class FormErrors {

    private FormErrors() {
    }

    static void reject(BindingResult result, AccountRuleViolation violation) {
        if (violation.field() != null) {
            result.rejectValue(violation.field(), "rule", violation.getMessage());
        } else {
            result.reject("rule", violation.getMessage());
        }
    }
}
