package dev.pipedeck.users;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A code typed for a pending sign-in: an authentication request only, never authenticated itself. */
class SecondFactorCodeToken extends AbstractAuthenticationToken {

    private final PendingSignIn pending;
    private String code;

    SecondFactorCodeToken(PendingSignIn pending, String code) {
        super(List.of());
        this.pending = pending;
        this.code = code;
        setAuthenticated(false);
    }

    PendingSignIn pending() {
        return pending;
    }

    @Override
    public Object getCredentials() {
        return code;
    }

    @Override
    public Object getPrincipal() {
        return pending.username();
    }

    @Override
    public void eraseCredentials() {
        code = null;
    }
}
