package dev.pipedeck.users;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** A session ends after {@code maxAge} in all, however active it is (the idle timeout is the servlet container's). */
@ConfigurationProperties("pipedeck.session")
public record SessionProperties(Duration maxAge) {
}
