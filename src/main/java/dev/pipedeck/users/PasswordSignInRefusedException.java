package dev.pipedeck.users;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * A password is not accepted for this sign-in, before it is even checked: local login is switched off (and the
 * account is no break-glass user), or, on {@code /api/v1}, the account has a second factor.
 */
public class PasswordSignInRefusedException extends BadCredentialsException {

    PasswordSignInRefusedException(String message) {
        super(message);
    }
}
