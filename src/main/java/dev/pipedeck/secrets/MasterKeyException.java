package dev.pipedeck.secrets;

/**
 * The master key is missing, malformed, or does not fit the stored secrets; thrown at start-up so the application
 * does not start. The message says what is wrong and what to do; it names where the key came from, never the key.
 */
public class MasterKeyException extends IllegalStateException {

    private final String problem;
    private final String action;

    MasterKeyException(String problem, String action) {
        super(problem + " " + action);
        this.problem = problem;
        this.action = action;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }

    /** What the operator should do about it. */
    public String action() {
        return action;
    }
}
