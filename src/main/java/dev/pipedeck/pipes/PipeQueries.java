package dev.pipedeck.pipes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.orgs.OrgConnection;
import dev.pipedeck.orgs.OrgConnectionService;

/**
 * Reading pipes for the pages, through the one client (and so its request budget and shared reads). Rows that keep
 * themselves current are read from the service's pipe list, the very read the list page makes: however many people
 * watch a service, ClickHouse Cloud answers one list call per cache period.
 */
@Service
public class PipeQueries {

    private static final Duration CALL_LIMIT = Duration.ofSeconds(90);

    private final OrgConnectionService connections;
    private final ClickHouseCloudClient cloud;
    private final Clock clock;

    public PipeQueries(OrgConnectionService connections, ClickHouseCloudClient cloud, Clock clock) {
        this.connections = connections;
        this.cloud = cloud;
        this.clock = clock;
    }

    /** One page of the service's pipes, filtered and sorted as {@code query} asks. */
    @PreAuthorize("hasRole('VIEWER')")
    public PipeList list(ServiceRef service, PipeListQuery query) {
        OrgConnection connection = connections.get(service.organizationId());
        CloudConnection cloudConnection = connections.cloudConnection(connection);
        String serviceName = service.serviceId();
        try {
            serviceName = cloud.instanceGet(cloudConnection, service.serviceId()).block(CALL_LIMIT).name();
            List<PipeSummary> pipes = summaries(cloudConnection, service.serviceId());
            return new PipeList(connection, service.serviceId(), serviceName, query, query.apply(pipes), null);
        } catch (RuntimeException e) {
            return new PipeList(connection, service.serviceId(), serviceName, query, PipeListPage.empty(),
                    CloudProblem.of(e));
        }
    }

    /** One pipe's row as the (shared, cached) list read has it now. */
    @PreAuthorize("hasRole('VIEWER')")
    public PipeRow row(PipeRef pipe) {
        CloudConnection cloudConnection = connections.cloudConnection(connections.get(pipe.organizationId()));
        try {
            PipeSummary row = summaries(cloudConnection, pipe.serviceId()).stream()
                    .filter(p -> pipe.pipeId().equals(p.id()))
                    .findFirst()
                    .orElse(null);
            return new PipeRow(pipe, row, null);
        } catch (RuntimeException e) {
            return new PipeRow(pipe, null, CloudProblem.of(e));
        }
    }

    private List<PipeSummary> summaries(CloudConnection connection, String serviceId) {
        List<ClickPipe> pipes = cloud.clickPipeGetList(connection, serviceId).block(CALL_LIMIT);
        Instant now = clock.instant();
        return pipes == null ? List.of() : pipes.stream().map(p -> PipeSummary.of(p, now)).toList();
    }
}
