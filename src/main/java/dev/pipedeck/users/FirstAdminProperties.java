package dev.pipedeck.users;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first ADMIN, created at start when no account exists ({@code PIPEDECK_ADMIN_USERNAME} and
 * {@code PIPEDECK_ADMIN_PASSWORD}). Ignored once any account exists.
 */
@ConfigurationProperties("pipedeck.admin")
public record FirstAdminProperties(String username, String password) {

    boolean isSet() {
        return username != null && !username.isBlank() && password != null && !password.isBlank();
    }
}
