package dev.pipedeck.users;

import java.time.Instant;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Username and password sign-in (form login and HTTP Basic alike) behind the login throttle: a throttled key is
 * refused before its password is checked; every failure counts, a success clears the user's count.
 */
public class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwordCheck;
    private final LoginThrottle throttle;

    public ThrottledAuthenticationProvider(AccountUserDetailsService userDetailsService,
            PasswordEncoder passwordEncoder, LoginThrottle throttle) {
        this.passwordCheck = new DaoAuthenticationProvider(userDetailsService);
        this.passwordCheck.setPasswordEncoder(passwordEncoder);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = Usernames.normalize(authentication.getName());
        String address = clientAddress(authentication);
        Optional<Instant> blockedUntil = throttle.blockedUntil(username, address);
        if (blockedUntil.isPresent()) {
            throw new LoginThrottledException(blockedUntil.get());
        }
        try {
            Authentication result = passwordCheck.authenticate(authentication);
            throttle.recordSuccess(username, address);
            return result;
        } catch (AuthenticationException e) {
            throttle.recordFailure(username, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String clientAddress(Authentication authentication) {
        if (authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null) {
            return details.getRemoteAddress();
        }
        return "unknown";
    }
}
