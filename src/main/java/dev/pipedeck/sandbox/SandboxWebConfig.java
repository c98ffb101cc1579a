package dev.pipedeck.sandbox;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Wires the sandbox into the web server: its own security filter chain for {@code /sandbox/**}, ahead of the pages'
 * chain (stateless, no CSRF, no form login, every request let through, because the sandbox checks its own API keys
 * like the real service; its JSON answers carry a Content-Security-Policy that allows nothing), and the
 * {@link SandboxGate} in front of its operations.
 */
@Configuration
class SandboxWebConfig {

    static final String API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'none'";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain sandboxApi(HttpSecurity http) throws Exception {
        http
            .securityMatcher("/sandbox/**")
            .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
            .csrf(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .httpBasic(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            // JSON only: nothing in it may load or run anything, or be framed.
            .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(API_CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    @Bean
    FilterRegistrationBean<SandboxGate> sandboxGate(SandboxProperties properties, SandboxKeys keys,
            SandboxFaults faults, SandboxStats stats, KeyBudget budget, SandboxWire wire) {
        FilterRegistrationBean<SandboxGate> registration = new FilterRegistrationBean<>(
                new SandboxGate(properties, keys, faults, stats, budget, wire));
        registration.addUrlPatterns("/sandbox/*");
        registration.setName("sandboxGate");
        registration.setOrder(0);
        return registration;
    }
}
