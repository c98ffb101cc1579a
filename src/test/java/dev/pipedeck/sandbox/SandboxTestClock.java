package dev.pipedeck.sandbox;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.pipedeck.testsupport.MutableClock;

/** A clock the sandbox tests move by hand, so timed state transitions happen exactly when a test says. */
@TestConfiguration(proxyBeanMethods = false)
class SandboxTestClock {

    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    @Bean
    @Primary
    MutableClock movableClock() {
        return new MutableClock(START);
    }
}
