package dev.pipedeck.users;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Sign-in behind the login throttle (form login, the second factor's code, and HTTP Basic with a password or an API
 * token): a throttled key is refused before its credentials are checked; every failure counts, a success clears the
 * user's count. A correct password that still needs a second factor neither counts nor clears: codes are counted
 * with the passwords of the same user, and only a completed sign-in starts the count again.
 */
public class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider credentialsCheck;
    private final LoginThrottle throttle;

    ThrottledAuthenticationProvider(AuthenticationProvider credentialsCheck, LoginThrottle throttle) {
        this.credentialsCheck = credentialsCheck;
        this.throttle = throttle;
    }

    /** Account passwords, checked against their stored hashes. */
    static AuthenticationProvider accountPasswords(AccountUserDetailsService userDetailsService,
            PasswordEncoder passwordEncoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetailsService);
        provider.setPasswordEncoder(passwordEncoder);
        return provider;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = Usernames.normalize(authentication.getName());
        String address = clientAddress(authentication);
        LoginThrottle.Check check = throttle.check(username, address);
        if (check.blocked()) {
            throw new LoginThrottledException(check.blockedUntil());
        }
        try {
            Authentication result = credentialsCheck.authenticate(authentication);
            if (check.userHasFailures()) {
                throttle.recordSuccess(username, address);
            }
            return result;
        } catch (SecondFactorRequiredException passwordAccepted) {
            throw passwordAccepted;
        } catch (AuthenticationException e) {
            throttle.recordFailure(username, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return credentialsCheck.supports(authentication);
    }

    private static String clientAddress(Authentication authentication) {
        if (authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null) {
            return details.getRemoteAddress();
        }
        return "unknown";
    }
}
