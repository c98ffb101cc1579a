package dev.pipedeck.users;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The only two ways to sign in, both behind the login throttle and each set explicitly on its filter chain with no
 * parent manager (with one, Boot's global manager would retry a refused sign-in unthrottled): passwords for the
 * pages, and API tokens or passwords for {@code /api/v1}.
 */
@Configuration(proxyBeanMethods = false)
public class SignInManagers {

    @Bean
    public AuthenticationManager passwordSignIn(AccountUserDetailsService userDetails, PasswordEncoder passwordEncoder,
            LoginThrottle throttle, AuthenticationEventPublisher events) {
        return manager(new ThrottledAuthenticationProvider(
                ThrottledAuthenticationProvider.accountPasswords(userDetails, passwordEncoder), throttle), events);
    }

    @Bean
    public AuthenticationManager apiSignIn(AccountUserDetailsService userDetails, PasswordEncoder passwordEncoder,
            LoginThrottle throttle, ApiTokenRepository tokens, AccountRepository accounts, Clock clock,
            PlatformTransactionManager transactionManager, AuthenticationEventPublisher events) {
        ApiCredentialsProvider credentials = new ApiCredentialsProvider(tokens, accounts,
                ThrottledAuthenticationProvider.accountPasswords(userDetails, passwordEncoder), clock,
                transactionManager);
        return manager(new ThrottledAuthenticationProvider(credentials, throttle), events);
    }

    private static AuthenticationManager manager(ThrottledAuthenticationProvider provider,
            AuthenticationEventPublisher events) {
        ProviderManager manager = new ProviderManager(provider);
        manager.setAuthenticationEventPublisher(events);
        return manager;
    }
}
