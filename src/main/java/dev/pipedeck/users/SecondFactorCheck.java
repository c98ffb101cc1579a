package dev.pipedeck.users;

import java.time.Clock;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Completes a pending password sign-in with the account's code (or a recovery code): only then is the session
 * signed in, as the account with its current role. The account must still be enabled and unchanged since the
 * password (same session version), and the password no older than {@link PendingSignIn#LIFETIME}.
 */
class SecondFactorCheck implements AuthenticationProvider {

    private final SecondFactorService secondFactors;
    private final AccountRepository accounts;
    private final Clock clock;

    SecondFactorCheck(SecondFactorService secondFactors, AccountRepository accounts, Clock clock) {
        this.secondFactors = secondFactors;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        SecondFactorCodeToken request = (SecondFactorCodeToken) authentication;
        PendingSignIn pending = request.pending();
        if (pending.expiredAt(clock.instant())) {
            throw new SecondFactorExpiredException();
        }
        Account account = accounts.findById(pending.accountId()).orElseThrow(SecondFactorExpiredException::new);
        if (!account.isEnabled()) {
            throw new DisabledException("The account is disabled");
        }
        if (account.getSessionVersion() != pending.sessionVersion()) {
            throw new SecondFactorExpiredException();
        }
        String code = request.getCredentials() == null ? "" : request.getCredentials().toString();
        if (secondFactors.verify(account.getId(), code) == SecondFactorService.Verification.WRONG) {
            throw new WrongSecondFactorException();
        }
        SignedInUser user = new SignedInUser(account);
        user.eraseCredentials();
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user, null,
                user.getAuthorities());
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return SecondFactorCodeToken.class.isAssignableFrom(authentication);
    }
}
