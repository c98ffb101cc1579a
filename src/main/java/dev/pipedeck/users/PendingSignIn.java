package dev.pipedeck.users;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Kept in the HTTP session between a correct password and the second factor: whose password it was, and that
 * account's session version then. It grants nothing: the session stays anonymous until the code is accepted.
 */
public record PendingSignIn(long accountId, String username, int sessionVersion, Instant passwordAcceptedAt)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The session attribute that holds it. */
    public static final String SESSION_ATTRIBUTE = PendingSignIn.class.getName();

    /** How long the code may take after the password. */
    static final Duration LIFETIME = Duration.ofMinutes(5);

    boolean expiredAt(Instant now) {
        return passwordAcceptedAt.plus(LIFETIME).isBefore(now);
    }
}
