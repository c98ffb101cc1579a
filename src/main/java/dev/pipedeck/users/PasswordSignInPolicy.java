package dev.pipedeck.users;

import java.time.Clock;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

/**
 * Who may sign in with a password, decided before the password is checked (so a refusal tells nothing about it).
 * On the pages: local accounts while local login is on, and break-glass users always; a correct password for an
 * account with a second factor does not sign in, it asks for the code ({@link SecondFactorRequiredException}). On
 * {@code /api/v1}: the same, and never an account with a second factor (or an admin that must have one), which use
 * API tokens instead. External (single sign-on) accounts have no password at all.
 */
class PasswordSignInPolicy implements AuthenticationProvider {

    static final String API_PASSWORD_REFUSED = "Password sign-in is not accepted on /api/v1 for this account: it "
            + "has two-step sign-in (or password sign-in is switched off). Use an API token.";

    private final AuthenticationProvider passwords;
    private final SsoProperties sso;
    private final SecondFactorService secondFactors;
    private final AccountRepository accounts;
    private final Clock clock;
    private final boolean api;

    private PasswordSignInPolicy(AuthenticationProvider passwords, SsoProperties sso, SecondFactorService secondFactors,
            AccountRepository accounts, Clock clock, boolean api) {
        this.passwords = passwords;
        this.sso = sso;
        this.secondFactors = secondFactors;
        this.accounts = accounts;
        this.clock = clock;
        this.api = api;
    }

    static PasswordSignInPolicy forPages(AuthenticationProvider passwords, SsoProperties sso,
            SecondFactorService secondFactors, AccountRepository accounts, Clock clock) {
        return new PasswordSignInPolicy(passwords, sso, secondFactors, accounts, clock, false);
    }

    static PasswordSignInPolicy forApi(AuthenticationProvider passwords, SsoProperties sso,
            SecondFactorService secondFactors, AccountRepository accounts, Clock clock) {
        return new PasswordSignInPolicy(passwords, sso, secondFactors, accounts, clock, true);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = Usernames.normalize(authentication.getName());
        if (!sso.passwordSignInAllowed(username)) {
            throw new PasswordSignInRefusedException(api ? API_PASSWORD_REFUSED
                    : "Password sign-in is switched off; use single sign-on.");
        }
        if (api && accounts.findByUsername(username)
                .filter(a -> secondFactors.isEnabled(a.getId()) || secondFactors.requiredFor(a)).isPresent()) {
            throw new PasswordSignInRefusedException(API_PASSWORD_REFUSED);
        }
        Authentication result = passwords.authenticate(authentication);
        if (!api && result != null && result.getPrincipal() instanceof SignedInUser user
                && secondFactors.isEnabled(user.accountId())) {
            throw new SecondFactorRequiredException(new PendingSignIn(user.accountId(), user.getUsername(),
                    user.sessionVersion(), clock.instant()));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
