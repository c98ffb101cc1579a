package dev.pipedeck.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Misbehaviour on demand, for demos and tests: latency, bursts of 503 and 429 answers, an idle staging service,
 * hostile strings, and a reset to the initial state. Admins only.
 */
@Service
public class SandboxControl {

    /** Most latency the admin page may add. */
    public static final Duration MOST_LATENCY = Duration.ofSeconds(60);
    /** Most answers one burst may cover. */
    public static final int MOST_IN_BURST = 1000;

    private final SandboxProperties properties;
    private final SandboxCloud cloud;
    private final SandboxFaults faults;
    private final SandboxStats stats;

    SandboxControl(SandboxProperties properties, SandboxCloud cloud, SandboxFaults faults, SandboxStats stats) {
        this.properties = properties;
        this.cloud = cloud;
        this.faults = faults;
        this.stats = stats;
    }

    /** The sandbox now: services, pipes by state, faults in effect, requests received. */
    @PreAuthorize("hasRole('ADMIN')")
    public Status status() {
        SandboxCloud.Summary summary = cloud.summary();
        List<ServiceStatus> services = summary.services().stream()
                .map(s -> new ServiceStatus(s.id(), s.name(), s.state(), s.pipes(),
                        SandboxSeed.STAGING_ID.equals(s.id())))
                .toList();
        return new Status(properties.enabled(), SandboxSeed.ORGANIZATION_ID, properties.transitionDelay(), services,
                summary.pipesByState(), summary.pipes(), summary.endpoints(), faults.latency(),
                faults.serverErrorsLeft(), faults.rateLimitedLeft(), faults.hostileStrings(),
                properties.rateLimit().enforced(), stats.snapshot(), stats.peakRequestsPerKey(Duration.ofSeconds(10)));
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void setLatency(Duration latency) {
        if (latency.isNegative() || latency.compareTo(MOST_LATENCY) > 0) {
            throw new IllegalArgumentException("Latency must be 0 to " + MOST_LATENCY.toMillis() + " ms");
        }
        faults.setLatency(latency);
    }

    /** The next {@code count} requests answer 503. */
    @PreAuthorize("hasRole('ADMIN')")
    public void burstServerErrors(int count) {
        faults.burstServerErrors(checkedBurst(count));
    }

    /** The next {@code count} requests answer 429 with {@code X-RateLimit-Reset: 1}. */
    @PreAuthorize("hasRole('ADMIN')")
    public void burstRateLimited(int count) {
        faults.burstRateLimited(checkedBurst(count));
    }

    /** Scales the staging service to zero: its ClickPipes calls answer 424 until it is woken. */
    @PreAuthorize("hasRole('ADMIN')")
    public void makeStagingIdle() {
        cloud.makeIdle(SandboxSeed.STAGING_ID);
    }

    /** Wakes the staging service (awaking, then running after the transition delay). */
    @PreAuthorize("hasRole('ADMIN')")
    public void wakeStaging() {
        cloud.wake(SandboxSeed.STAGING_ID);
    }

    /** Pipes named with markup, and markup in error messages. */
    @PreAuthorize("hasRole('ADMIN')")
    public void setHostileStrings(boolean on) {
        faults.setHostileStrings(on);
        cloud.showHostilePipes(on);
    }

    /** Faults as configured, and the organization as it started (keys and request counts stay). */
    @PreAuthorize("hasRole('ADMIN')")
    public void reset() {
        faults.reset();
        cloud.reset();
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void resetStats() {
        stats.reset();
    }

    private static int checkedBurst(int count) {
        if (count < 0 || count > MOST_IN_BURST) {
            throw new IllegalArgumentException("A burst covers 0 to " + MOST_IN_BURST + " requests");
        }
        return count;
    }

    /**
     * The sandbox at a glance.
     *
     * @param enabled whether {@code /sandbox/**} answers
     * @param organizationId the sandbox organization
     * @param transitionDelay how long each transient state lasts
     * @param services the services
     * @param pipesByState how many pipes are in each state
     * @param pipes all pipes
     * @param endpoints all reverse private endpoints
     * @param latency latency added to every answer
     * @param serverErrorsLeft how many more requests answer 503
     * @param rateLimitedLeft how many more requests answer 429
     * @param hostileStrings whether hostile strings are on
     * @param rateLimitEnforced whether the per-key budget is enforced
     * @param requests requests received
     * @param peakPerKeyIn10Seconds most requests one key sent within 10 seconds (the budget is 10)
     */
    public record Status(boolean enabled, String organizationId, Duration transitionDelay,
            List<ServiceStatus> services, Map<String, Long> pipesByState, int pipes, int endpoints, Duration latency,
            int serverErrorsLeft, int rateLimitedLeft, boolean hostileStrings, boolean rateLimitEnforced,
            SandboxStats.Snapshot requests, long peakPerKeyIn10Seconds) {
    }

    /** A service of the sandbox; {@code staging} marks the one the page can make idle. */
    public record ServiceStatus(String id, String name, String state, long pipes, boolean staging) {
    }
}
