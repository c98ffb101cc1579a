package dev.pipedeck.pipes;

import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditResult;
import dev.pipedeck.audit.AuditTarget;
import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.ServiceCommand;

/**
 * Wakes an idle service ({@code PATCH .../services/{id}/state {"command":"start"}}): ClickPipes calls fail while it
 * sleeps. Audited as {@code service.wake} with the state before and after.
 */
@Service
public class ServiceWake {

    private final AuditedCloudCalls calls;
    private final ClickHouseCloudClient cloud;

    public ServiceWake(AuditedCloudCalls calls, ClickHouseCloudClient cloud) {
        this.calls = calls;
        this.cloud = cloud;
    }

    @PreAuthorize("hasRole('OPERATOR')")
    public Woken wake(ServiceRef service) {
        AuditTarget target = calls.target(service);
        String before = stateNow(service);
        ChangeOutcome<dev.pipedeck.cloud.Service> outcome = calls.call(
                AuditEntry.of("service.wake").target(target).request(Map.of("command", "start")).build(),
                connection -> cloud.instanceStateUpdate(connection, service.serviceId(), ServiceCommand.START),
                after -> AuditResult.success().withChange(stateOf(before),
                        stateOf(after == null ? null : after.state())));
        String name = target.serviceName() != null ? target.serviceName() : service.serviceId();
        return new Woken(name, outcome.value(), outcome.problem());
    }

    /** The service's state as last read (the read cache usually has it from the page the button was on). */
    private String stateNow(ServiceRef service) {
        try {
            return cloud.instanceGet(calls.connection(service.organizationId()), service.serviceId())
                    .block(AuditedCloudCalls.CALL_LIMIT).state();
        } catch (RuntimeException unknown) {
            return null;
        }
    }

    private static Map<String, Object> stateOf(String state) {
        return Map.of("state", state == null ? "unknown" : state);
    }

    /** How waking went: the service as ClickHouse Cloud answered, or the problem (message, status, requestId). */
    public record Woken(String serviceName, dev.pipedeck.cloud.Service service, CloudProblem problem) {

        public boolean succeeded() {
            return problem == null;
        }
    }
}
