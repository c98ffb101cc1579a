package dev.pipedeck.users;

import org.springframework.security.authentication.CredentialsExpiredException;

/** No password was accepted in this session in the last minutes (or the account changed since): start again. */
public class SecondFactorExpiredException extends CredentialsExpiredException {

    SecondFactorExpiredException() {
        super("No pending sign-in, or it expired");
    }
}
