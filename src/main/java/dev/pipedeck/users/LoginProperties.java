package dev.pipedeck.users;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Login throttling: after {@code maxFailuresPerUser} failures for one username from one client address, or
 * {@code maxFailuresPerAddress} failures from one address whatever the usernames, within {@code window}, further
 * attempts for that key are refused for {@code block}.
 */
@ConfigurationProperties("pipedeck.login")
public record LoginProperties(int maxFailuresPerUser, int maxFailuresPerAddress, Duration window, Duration block) {
}
