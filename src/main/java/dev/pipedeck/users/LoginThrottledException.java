package dev.pipedeck.users;

import java.time.Instant;

import org.springframework.security.core.AuthenticationException;

/** Sign-in refused without checking the password, because of too many recent failures. */
public class LoginThrottledException extends AuthenticationException {

    private final Instant blockedUntil;

    public LoginThrottledException(Instant blockedUntil) {
        super("Too many failed sign-in attempts");
        this.blockedUntil = blockedUntil;
    }

    public Instant blockedUntil() {
        return blockedUntil;
    }
}
