package dev.pipedeck.users;

/**
 * A change to an account that the rules refuse (weak password, last admin, duplicate username...). The field names
 * the form input the message belongs next to, or is null for a message about the whole form.
 */
public class AccountRuleViolation extends RuntimeException {

    private final String field;

    public AccountRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
