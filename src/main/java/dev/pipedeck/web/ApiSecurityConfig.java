package dev.pipedeck.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.pipes.ApiEnvelope;
import dev.pipedeck.users.Role;

/**
 * {@code /api/**} is for scripts: HTTP Basic only (an API token or a username and password, both behind the login
 * throttle), no session, no CSRF (there are no cookies to forge). GET needs VIEWER, every other method OPERATOR.
 * Refusals answer in ClickHouse Cloud's error envelope; refused changes are audited with their body.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, @Qualifier("apiSignIn") AuthenticationManager apiSignIn,
            AuditLog auditLog) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Pipedeck API\", charset=\"UTF-8\"");
            write(response, HttpServletResponse.SC_UNAUTHORIZED, ApiEnvelope.error(401, "UNAUTHORIZED",
                    "Sign in with HTTP Basic: a Pipedeck API token (id and secret, from your account page) or a "
                            + "username and password. Accounts with two-step sign-in (TOTP) or single sign-on use "
                            + "API tokens only."));
        };
        AccessDeniedHandler forbidden = (request, response, denied) -> write(response,
                HttpServletResponse.SC_FORBIDDEN, ApiEnvelope.error(403, "FORBIDDEN",
                        request.getMethod() + " needs the " + (HttpMethod.GET.matches(request.getMethod())
                                ? "Viewer" : "Operator") + " role or higher; nothing was sent to ClickHouse Cloud."));
        http
            .securityMatcher("/api/**")
            .authenticationManager(apiSignIn)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Role.VIEWER.name())
                .anyRequest().hasRole(Role.OPERATOR.name()))
            .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable())
            .requestCache(cache -> cache.disable())
            .exceptionHandling(ex -> ex
                .authenticationEntryPoint(unauthorized)
                .accessDeniedHandler(new AuditingAccessDeniedHandler(auditLog, forbidden, true)))
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(SecurityConfig.CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    private static void write(HttpServletResponse response, int status, byte[] envelope) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(envelope);
    }
}
