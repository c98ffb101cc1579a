package dev.pipedeck.users;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Every way to sign in, each set explicitly on its filter chain with no parent manager (with one, Boot's global
 * manager would retry a refused sign-in unthrottled): for the pages, passwords (behind the throttle and the
 * {@link PasswordSignInPolicy}) and, when configured, single sign-on; the second factor's code (behind the same
 * throttle); and API tokens or passwords for {@code /api/v1}.
 */
@Configuration(proxyBeanMethods = false)
public class SignInManagers {

    @Bean
    public AuthenticationManager pageSignIn(AccountUserDetailsService userDetails, PasswordEncoder passwordEncoder,
            LoginThrottle throttle, SsoProperties sso, SecondFactorService secondFactors, AccountRepository accounts,
            Clock clock, SingleSignOn singleSignOn, AuthenticationEventPublisher events) {
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(new ThrottledAuthenticationProvider(PasswordSignInPolicy.forPages(
                ThrottledAuthenticationProvider.accountPasswords(userDetails, passwordEncoder), sso, secondFactors,
                accounts, clock), throttle));
        if (singleSignOn.enabled()) {
            providers.add(singleSignOn.authenticationProvider());
        }
        return manager(providers, events);
    }

    @Bean
    public AuthenticationManager secondFactorSignIn(SecondFactorService secondFactors, AccountRepository accounts,
            LoginThrottle throttle, Clock clock, AuthenticationEventPublisher events) {
        return manager(List.of(new ThrottledAuthenticationProvider(
                new SecondFactorCheck(secondFactors, accounts, clock), throttle)), events);
    }

    @Bean
    public AuthenticationManager apiSignIn(AccountUserDetailsService userDetails, PasswordEncoder passwordEncoder,
            LoginThrottle throttle, ApiTokenRepository tokens, AccountRepository accounts, SsoProperties sso,
            SecondFactorService secondFactors, Clock clock, PlatformTransactionManager transactionManager,
            AuthenticationEventPublisher events) {
        ApiCredentialsProvider credentials = new ApiCredentialsProvider(tokens, accounts,
                PasswordSignInPolicy.forApi(ThrottledAuthenticationProvider.accountPasswords(userDetails,
                        passwordEncoder), sso, secondFactors, accounts, clock), clock, transactionManager);
        return manager(List.of(new ThrottledAuthenticationProvider(credentials, throttle)), events);
    }

    private static AuthenticationManager manager(List<AuthenticationProvider> providers,
            AuthenticationEventPublisher events) {
        ProviderManager manager = new ProviderManager(providers);
        manager.setAuthenticationEventPublisher(events);
        return manager;
    }
}
