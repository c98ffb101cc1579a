package dev.pipedeck.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pipe health ({@code pipedeck.health.*}).
 *
 * @param collect whether the scheduled collector scrapes at all
 * @param scrapeInterval how often each organization's metrics are scraped (at least; a small key budget stretches it)
 * @param retention how long points are kept
 * @param fullResolutionFor how long points keep their one-minute resolution before they are downsampled
 * @param downsampledResolution the resolution of points older than {@code fullResolutionFor}
 * @param maintenanceInterval how often points are downsampled and expired ones deleted
 * @param stallAfter a Running pipe that fetched no events for this long is stalled
 * @param erroringWindow a pipe whose error counter rose within this window is erroring
 */
@ConfigurationProperties("pipedeck.health")
public record HealthProperties(@DefaultValue("true") boolean collect, @DefaultValue("60s") Duration scrapeInterval,
        @DefaultValue("7d") Duration retention, @DefaultValue("24h") Duration fullResolutionFor,
        @DefaultValue("10m") Duration downsampledResolution, @DefaultValue("10m") Duration maintenanceInterval,
        @DefaultValue("10m") Duration stallAfter, @DefaultValue("5m") Duration erroringWindow) {

    public HealthProperties {
        requirePositive("scrape-interval", scrapeInterval);
        requirePositive("retention", retention);
        requirePositive("full-resolution-for", fullResolutionFor);
        requirePositive("downsampled-resolution", downsampledResolution);
        requirePositive("maintenance-interval", maintenanceInterval);
        requirePositive("stall-after", stallAfter);
        requirePositive("erroring-window", erroringWindow);
        if (downsampledResolution.toMinutes() < 1 || downsampledResolution.toSeconds() % 60 != 0) {
            throw new IllegalArgumentException("pipedeck.health.downsampled-resolution must be whole minutes");
        }
        if (fullResolutionFor.compareTo(retention) > 0) {
            throw new IllegalArgumentException("pipedeck.health.full-resolution-for must not exceed the retention");
        }
    }

    /** The defaults, for code that runs without Spring (tests). */
    public static HealthProperties defaults() {
        return new HealthProperties(true, Duration.ofSeconds(60), Duration.ofDays(7), Duration.ofHours(24),
                Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(5));
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("pipedeck.health." + name + " must be positive");
        }
    }
}
