package dev.pipedeck.users;

import org.springframework.security.authentication.BadCredentialsException;

/** The code was neither the authenticator's current code (unused so far) nor an unused recovery code. */
public class WrongSecondFactorException extends BadCredentialsException {

    WrongSecondFactorException() {
        super("Wrong authentication code");
    }
}
