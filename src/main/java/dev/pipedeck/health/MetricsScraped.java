package dev.pipedeck.health;

import java.time.Instant;

/**
 * Published (as a Spring application event) after a collection round stored new points, so features that read the
 * history, such as alert evaluation, can act on fresh data without the collector knowing them.
 *
 * @param at when the round ran
 * @param organizations how many organizations were scraped in it
 */
public record MetricsScraped(Instant at, int organizations) {
}
