package dev.pipedeck.web;

import java.time.Clock;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.users.AccountRepository;
import dev.pipedeck.users.AccountSessionFilter;
import dev.pipedeck.users.PasswordSignInFailureHandler;
import dev.pipedeck.users.SecondFactorEnrolmentRequirement;
import dev.pipedeck.users.SecondFactorProperties;
import dev.pipedeck.users.SecondFactorService;
import dev.pipedeck.users.SecondFactorSignInFilter;
import dev.pipedeck.users.Role;
import dev.pipedeck.users.SessionProperties;
import dev.pipedeck.users.SignInAudit;
import dev.pipedeck.users.SingleSignOn;

/**
 * Who may do what, for every route: URL rules here, method security on the feature services behind them.
 * ADMIN includes OPERATOR, which includes VIEWER.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'; img-src 'self' data:";

    @Bean
    @Order(100)
    SecurityFilterChain pages(HttpSecurity http, @Qualifier("pageSignIn") AuthenticationManager pageSignIn,
            @Qualifier("secondFactorSignIn") AuthenticationManager secondFactorSignIn, AccountRepository accounts,
            SessionProperties sessionProperties, Clock clock, SignInAudit signInAudit, AuditLog auditLog,
            SingleSignOn singleSignOn, SecondFactorProperties secondFactorProperties,
            SecondFactorService secondFactors) throws Exception {
        AccountSessionFilter accountSessions = new AccountSessionFilter(accounts, sessionProperties, clock);
        http
            .authenticationManager(pageSignIn)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/assets/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                .requestMatchers("/login", "/setup", SecondFactorSignInFilter.PATH).permitAll()
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                .requestMatchers("/users", "/users/**").hasRole(Role.ADMIN.name())
                .requestMatchers("/admin/**").hasRole(Role.ADMIN.name())
                .requestMatchers("/account", "/account/**").authenticated()
                .requestMatchers(HttpMethod.POST, "/audit/verify").hasRole(Role.ADMIN.name())
                .requestMatchers("/organizations/master-key", "/organizations/master-key/**").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/organizations/new", "/organizations/*/edit").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.POST, "/organizations", "/organizations/*", "/organizations/*/verify",
                        "/organizations/*/delete").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/alerts/rules/new", "/alerts/rules/*/edit", "/alerts/channels/new",
                        "/alerts/channels/*/edit").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.POST, "/alerts/**").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/**").hasRole(Role.VIEWER.name())
                .anyRequest().hasRole(Role.OPERATOR.name()))
            .formLogin(form -> form
                .loginPage("/login")
                .defaultSuccessUrl("/", false)
                .failureHandler(new PasswordSignInFailureHandler()))
            .addFilterBefore(new SecondFactorSignInFilter(secondFactorSignIn), UsernamePasswordAuthenticationFilter.class)
            .logout(logout -> logout
                .addLogoutHandler(signInAudit)
                .logoutSuccessUrl("/login?logout")
                .deleteCookies("PIPEDECK_SESSION"))
            .exceptionHandling(ex -> ex
                .authenticationEntryPoint(new HtmxAwareLoginEntryPoint("/login"))
                .accessDeniedHandler(new AuditingAccessDeniedHandler(auditLog)))
            .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(frame -> frame.deny()))
            .addFilterBefore(accountSessions, AuthorizationFilter.class)
            // After the session check (same order, added later: the sort is stable).
            .addFilterBefore(new SecondFactorEnrolmentRequirement(secondFactorProperties, secondFactors),
                    AuthorizationFilter.class);
        if (singleSignOn.enabled()) {
            // The providers are in pageSignIn (this chain's own manager); the configurer adds the redirect to the
            // identity provider (/oauth2/authorization/oidc) and the callback (/login/oauth2/code/oidc).
            http.oauth2Login(oidc -> oidc
                .loginPage("/login")
                .clientRegistrationRepository(singleSignOn.registrations())
                .authorizedClientRepository(singleSignOn.authorizedClients())
                .defaultSuccessUrl("/", false)
                .failureHandler(singleSignOn.failureHandler()));
        }
        return http.build();
    }

    /**
     * Publishes sign-in events for the audit log, including failures Spring Security has no event type for (the
     * login throttle's refusal), as bad-credentials failures carrying the original exception.
     */
    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        DefaultAuthenticationEventPublisher events = new DefaultAuthenticationEventPublisher(publisher);
        events.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
        return events;
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.OPERATOR.name())
                .role(Role.OPERATOR.name()).implies(Role.VIEWER.name())
                .build();
    }

    /**
     * New passwords are hashed with Argon2id; PBKDF2 and bcrypt hashes still verify. Argon2 (unlike bcrypt, which
     * ignores everything past 72 bytes) takes the whole of a long passphrase into account.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        Map<String, PasswordEncoder> encoders = Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "pbkdf2", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder());
        return new DelegatingPasswordEncoder("argon2", encoders);
    }
}
