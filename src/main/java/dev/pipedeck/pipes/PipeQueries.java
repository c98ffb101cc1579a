package dev.pipedeck.pipes;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.orgs.OrgConnection;
import dev.pipedeck.orgs.OrgConnectionService;

/** Reading pipes for the pages, through the one client (and so its request budget and shared reads). */
@Service
public class PipeQueries {

    private static final Duration CALL_LIMIT = Duration.ofSeconds(90);

    private final OrgConnectionService connections;
    private final ClickHouseCloudClient cloud;

    public PipeQueries(OrgConnectionService connections, ClickHouseCloudClient cloud) {
        this.connections = connections;
        this.cloud = cloud;
    }

    @PreAuthorize("hasRole('VIEWER')")
    public PipeList list(String organizationId, String serviceId) {
        OrgConnection connection = connections.get(organizationId);
        CloudConnection cloudConnection = connections.cloudConnection(connection);
        String serviceName = serviceId;
        try {
            serviceName = cloud.instanceGet(cloudConnection, serviceId).block(CALL_LIMIT).name();
            List<ClickPipe> pipes = cloud.clickPipeGetList(cloudConnection, serviceId).block(CALL_LIMIT);
            List<PipeSummary> rows = pipes.stream().map(PipeSummary::of)
                    .sorted(Comparator.comparing(p -> p.name() == null ? "" : p.name().toLowerCase()))
                    .toList();
            return new PipeList(connection, serviceId, serviceName, rows, null);
        } catch (RuntimeException e) {
            return new PipeList(connection, serviceId, serviceName, List.of(), CloudProblem.of(e));
        }
    }
}
