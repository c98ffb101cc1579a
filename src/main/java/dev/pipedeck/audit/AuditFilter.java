package dev.pipedeck.audit;

import java.time.Instant;

/**
 * Which records to show or export. Every part is optional; the parts that are set must all match.
 *
 * @param from         occurred at or after (inclusive)
 * @param to           occurred before (exclusive)
 * @param actor        the actor's username, exactly
 * @param action       the action code, exactly (e.g. {@code pipe.state.stop})
 * @param organization the organization id
 * @param service      the service id
 * @param pipe         the pipe id
 * @param outcome      an outcome code ({@code success}, {@code denied}, ...), or {@code unknown} for attempts that
 *                     have no result
 * @param text         words to find anywhere in the record (actor, action, target names and ids, error, request)
 */
public record AuditFilter(Instant from, Instant to, String actor, String action, String organization, String service,
        String pipe, String outcome, String text) {

    public static final String OUTCOME_UNKNOWN = "unknown";
    public static final AuditFilter NONE = new AuditFilter(null, null, null, null, null, null, null, null, null);

    public AuditFilter {
        actor = trimToNull(actor);
        action = trimToNull(action);
        organization = trimToNull(organization);
        service = trimToNull(service);
        pipe = trimToNull(pipe);
        outcome = trimToNull(outcome);
        text = trimToNull(text);
    }

    public static AuditFilter forPipe(String pipeId) {
        return new AuditFilter(null, null, null, null, null, null, pipeId, null, null);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
