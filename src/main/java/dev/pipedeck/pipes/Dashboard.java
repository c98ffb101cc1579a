package dev.pipedeck.pipes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.orgs.OrgConnection;
import dev.pipedeck.orgs.OrgConnectionService;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The home dashboard: every connected organization with its services, and per service its pipes counted by state and
 * those needing attention.
 *
 * <p>Everything is asked at once and waited for once: each organization's services list, and as soon as it arrives,
 * the pipe lists of all its services in parallel. The page takes about as long as the slowest organization's services
 * list plus its slowest pipe list, not the sum of all calls. A failing call shows its own problem and hides nothing
 * else. Idle (and still waking) services are not asked for pipes: ClickPipes calls fail until they run.
 */
@Service
public class Dashboard {

    private static final Duration CALL_LIMIT = Duration.ofSeconds(90);
    private static final Comparator<dev.pipedeck.cloud.Service> BY_NAME = Comparator
            .comparing(service -> service.name() == null ? "" : service.name().toLowerCase());

    private final OrgConnectionService connections;
    private final ClickHouseCloudClient cloud;
    private final DashboardProperties properties;
    private final Clock clock;

    public Dashboard(OrgConnectionService connections, ClickHouseCloudClient cloud, DashboardProperties properties,
            Clock clock) {
        this.connections = connections;
        this.cloud = cloud;
        this.properties = properties;
        this.clock = clock;
    }

    /** Every connection with its services, sorted by the connection's display name. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<OrganizationOverview> overview() {
        Instant now = clock.instant();
        List<Mono<OrganizationOverview>> organizations = new ArrayList<>();
        for (OrgConnection connection : connections.list()) {
            CloudConnection key;
            try {
                key = connections.cloudConnection(connection);
            } catch (RuntimeException e) {
                organizations.add(Mono.just(OrganizationOverview.failed(connection, CloudProblem.of(e))));
                continue;
            }
            organizations.add(overviewOf(connection, key, now));
        }
        List<OrganizationOverview> overviews = new ArrayList<>(Flux.mergeSequential(organizations).collectList()
                .block(CALL_LIMIT));
        overviews.sort(Comparator.comparing(overview -> overview.connection().getDisplayName(),
                String.CASE_INSENSITIVE_ORDER));
        return overviews;
    }

    /** One service's tile, read on its own (for a tile that refreshes itself, or after waking the service). */
    @PreAuthorize("hasRole('VIEWER')")
    public ServiceTile tile(ServiceRef service) {
        OrgConnection connection = connections.get(service.organizationId());
        Instant now = clock.instant();
        CloudConnection key;
        try {
            key = connections.cloudConnection(connection);
        } catch (RuntimeException e) {
            return ServiceTile.unreadable(service, CloudProblem.of(e));
        }
        return cloud.instanceGet(key, service.serviceId())
                .flatMap(found -> tileOf(service.organizationId(), key, found, now))
                .switchIfEmpty(Mono.fromSupplier(() -> ServiceTile.unreadable(service,
                        new CloudProblem("ClickHouse Cloud answered without the service.", null, null, null, false))))
                .onErrorResume(RuntimeException.class,
                        e -> Mono.just(ServiceTile.unreadable(service, CloudProblem.of(e))))
                .block(CALL_LIMIT);
    }

    private Mono<OrganizationOverview> overviewOf(OrgConnection connection, CloudConnection key, Instant now) {
        String organizationId = connection.getOrganizationId();
        return cloud.instanceGetList(key)
                .defaultIfEmpty(List.of())
                .map(ServicesAnswer::listed)
                .onErrorResume(RuntimeException.class, e -> Mono.just(ServicesAnswer.failed(CloudProblem.of(e))))
                .flatMap(answer -> answer.problem() != null
                        ? Mono.just(OrganizationOverview.failed(connection, answer.problem()))
                        : Flux.fromIterable(answer.services())
                                .sort(BY_NAME)
                                .flatMapSequential(service -> tileOf(organizationId, key, service, now))
                                .collectList()
                                .map(tiles -> OrganizationOverview.listed(connection, tiles)));
    }

    /** The service's tile; its pipe list is asked for only while the service serves ClickPipes calls. */
    private Mono<ServiceTile> tileOf(String organizationId, CloudConnection key, dev.pipedeck.cloud.Service service,
            Instant now) {
        if (!ServiceTile.servesPipes(service)) {
            return Mono.just(ServiceTile.notAsked(organizationId, service));
        }
        Duration pausedAttentionAfter = properties.pausedAttentionAfter();
        return cloud.clickPipeGetList(key, service.id())
                .defaultIfEmpty(List.of())
                .map(pipes -> ServiceTile.of(organizationId, service, pipes, now, pausedAttentionAfter))
                .onErrorResume(RuntimeException.class,
                        e -> Mono.just(ServiceTile.failed(organizationId, service, CloudProblem.of(e))));
    }

    /** An organization's services list, or why it could not be read. */
    private record ServicesAnswer(List<dev.pipedeck.cloud.Service> services, CloudProblem problem) {

        static ServicesAnswer listed(List<dev.pipedeck.cloud.Service> services) {
            return new ServicesAnswer(services == null ? List.of() : services, null);
        }

        static ServicesAnswer failed(CloudProblem problem) {
            return new ServicesAnswer(List.of(), problem);
        }
    }
}
