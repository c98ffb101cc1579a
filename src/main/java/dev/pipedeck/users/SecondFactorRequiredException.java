package dev.pipedeck.users;

import org.springframework.security.core.AuthenticationException;

/**
 * The password was right and the account has a second factor: the sign-in is not complete, so no authentication
 * is returned (and nothing is stored as signed in). The password form's failure handler keeps the
 * {@link PendingSignIn} and asks for the code.
 */
public class SecondFactorRequiredException extends AuthenticationException {

    private final transient PendingSignIn pending;

    SecondFactorRequiredException(PendingSignIn pending) {
        super("A second factor is required");
        this.pending = pending;
    }

    public PendingSignIn pending() {
        return pending;
    }
}
