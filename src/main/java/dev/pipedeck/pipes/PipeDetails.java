package dev.pipedeck.pipes;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import dev.pipedeck.audit.AuditQueries;
import dev.pipedeck.audit.AuditRecord;
import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.CloudProblem;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.orgs.OrgConnection;
import reactor.core.publisher.Mono;

/**
 * Reading one pipe for its page. Reads go through the client's short read cache, so any number of people watching a
 * pipe settle cost ClickHouse Cloud one call per cache period, not one per browser.
 */
@org.springframework.stereotype.Service
public class PipeDetails {

    static final int HISTORY_SIZE = 15;

    private final AuditedCloudCalls calls;
    private final ClickHouseCloudClient cloud;
    private final AuditQueries audit;

    public PipeDetails(AuditedCloudCalls calls, ClickHouseCloudClient cloud, AuditQueries audit) {
        this.calls = calls;
        this.cloud = cloud;
        this.audit = audit;
    }

    /** The pipe with its service's name (both asked at once) and its latest audit records. */
    @PreAuthorize("hasRole('VIEWER')")
    public PipeDetail detail(PipeRef ref) {
        OrgConnection connection = calls.organization(ref.organizationId());
        CloudConnection cloudConnection = calls.connection(ref.organizationId());
        List<AuditRecord> history = audit.recentForPipe(ref.pipeId(), HISTORY_SIZE);
        Mono<String> serviceName = cloud.instanceGet(cloudConnection, ref.serviceId()).map(dev.pipedeck.cloud.Service::name)
                .onErrorReturn(ref.serviceId());
        Mono<ClickPipe> pipe = cloud.clickPipeGet(cloudConnection, ref.serviceId(), ref.pipeId());
        try {
            var both = Mono.zip(serviceName, pipe).block(AuditedCloudCalls.CALL_LIMIT);
            return new PipeDetail(connection, ref, both.getT1(), PipeView.of(both.getT2()), null, history);
        } catch (RuntimeException e) {
            String name = serviceName.onErrorReturn(ref.serviceId()).block(AuditedCloudCalls.CALL_LIMIT);
            return new PipeDetail(connection, ref, name, null, CloudProblem.of(e), history);
        }
    }

    /** Just the pipe, for the parts of its page that keep themselves current. */
    @PreAuthorize("hasRole('VIEWER')")
    public PipeReading current(PipeRef ref) {
        try {
            return new PipeReading(PipeView.of(cloud.clickPipeGet(calls.connection(ref.organizationId()),
                    ref.serviceId(), ref.pipeId()).block(AuditedCloudCalls.CALL_LIMIT)), null);
        } catch (RuntimeException e) {
            return new PipeReading(null, CloudProblem.of(e));
        }
    }
}
