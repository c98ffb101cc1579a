package dev.pipedeck.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.RawCloudResponse;
import dev.pipedeck.cluster.JobLeases;
import dev.pipedeck.orgs.OrgConnection;
import dev.pipedeck.orgs.OrgConnectionService;

/**
 * Scrapes each connected organization's Prometheus endpoint — one call per organization, never one per pipe — and
 * stores a point per pipe per minute. The call goes through the client like every other, in the key's budget, as
 * background work: it waits behind every person's request and uses at most half of the budget. A connection is
 * scraped no more often than {@link HealthProperties#scrapeInterval()}, stretched for small budgets so the collector never takes more than a
 * tenth of a key's requests. A failing organization is logged once (until it recovers) and never stops the others.
 * After a round that scraped anything it publishes {@link MetricsScraped}.
 */
@Component
public class MetricsCollector {

    private static final Logger log = LoggerFactory.getLogger(MetricsCollector.class);

    /** The collector's share of a key's budget, at most. */
    private static final int BUDGET_SHARE_DIVISOR = 10;

    private static final Duration CALL_LIMIT = Duration.ofSeconds(30);

    /** With several instances on one database, the one holding this lease collects. */
    static final String LEASE = "metrics-collector";

    /** A lease outlives two scrape intervals by this much, so a slow scrape does not hand the job over. */
    private static final Duration LEASE_SLACK = Duration.ofSeconds(30);

    private final OrgConnectionService connections;
    private final ClickHouseCloudClient cloud;
    private final PipeMetricStore store;
    private final HealthProperties properties;
    private final Clock clock;
    private final JobLeases leases;
    private final ApplicationEventPublisher events;
    private final Map<String, Instant> lastScrape = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    public MetricsCollector(OrgConnectionService connections, ClickHouseCloudClient cloud, PipeMetricStore store,
            HealthProperties properties, Clock clock, JobLeases leases, ApplicationEventPublisher events) {
        this.leases = leases;
        this.events = events;
        this.connections = connections;
        this.cloud = cloud;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${pipedeck.health.scrape-interval:60s}",
            initialDelayString = "${pipedeck.health.scrape-interval:60s}")
    public void collectOnSchedule() {
        if (properties.collect() && leases.holds(LEASE, properties.scrapeInterval().multipliedBy(2).plus(LEASE_SLACK))) {
            scrapeDue();
        }
    }

    /** Scrapes every connection whose interval has passed; returns how many organizations were scraped. */
    public int scrapeDue() {
        int scraped = 0;
        for (OrgConnection connection : connections.listForScheduledJobs()) {
            Instant now = clock.instant();
            Instant last = lastScrape.get(connection.getOrganizationId());
            if (last != null && now.isBefore(last.plus(intervalFor(connection)))) {
                continue;
            }
            lastScrape.put(connection.getOrganizationId(), now);
            scrape(connection);
            scraped++;
        }
        if (scraped > 0) {
            events.publishEvent(new MetricsScraped(clock.instant(), scraped));
        }
        return scraped;
    }

    /** The scrape interval for {@code connection}: the configured one, or longer if its budget is small. */
    Duration intervalFor(OrgConnection connection) {
        return intervalFor(properties.scrapeInterval(), connection.getBudgetRequests(), connection.getBudgetWindow());
    }

    static Duration intervalFor(Duration configured, int budgetRequests, Duration budgetWindow) {
        Duration share = budgetWindow.multipliedBy(BUDGET_SHARE_DIVISOR).dividedBy(Math.max(1, budgetRequests));
        return share.compareTo(configured) > 0 ? share : configured;
    }

    private void scrape(OrgConnection connection) {
        String organizationId = connection.getOrganizationId();
        try {
            RawCloudResponse response = cloud.readInBackground(connections.cloudConnection(connection),
                    "/organizations/" + organizationId + "/prometheus").block(CALL_LIMIT);
            if (response == null) {
                throw new IllegalStateException("no answer");
            }
            if (!response.isSuccess()) {
                failed(connection, ScrapeProblem.of(response).summary());
                return;
            }
            PrometheusText.Exposition exposition = PrometheusText.parse(response.bodyText());
            if (!exposition.problems().isEmpty()) {
                log.debug("Metrics of {}: {} unreadable lines, first: {}", organizationId,
                        exposition.problems().size(), exposition.problems().get(0).reason());
            }
            List<PipeMetrics> pipes = PipeMetrics.from(exposition.samples()).stream()
                    .filter(pipe -> organizationId.equals(pipe.organizationId())).toList();
            store.record(pipes, clock.instant());
            if (failing.remove(organizationId)) {
                log.info("Metrics of {} ({}) are being collected again", connection.getDisplayName(),
                        organizationId);
            }
        } catch (RuntimeException e) {
            failed(connection, CloudProblem.of(e).summary());
        }
    }

    private void failed(OrgConnection connection, String summary) {
        if (failing.add(connection.getOrganizationId())) {
            log.warn("Metrics of {} ({}) could not be collected: {}", connection.getDisplayName(),
                    connection.getOrganizationId(), summary);
        } else {
            log.debug("Metrics of {} still failing: {}", connection.getOrganizationId(), summary);
        }
    }
}
