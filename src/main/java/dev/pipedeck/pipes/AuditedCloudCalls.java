package dev.pipedeck.pipes;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.audit.AuditResult;
import dev.pipedeck.audit.AuditTarget;
import dev.pipedeck.cloud.BudgetExhaustedException;
import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.CloudNoAnswerException;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.orgs.OrgConnection;
import dev.pipedeck.orgs.OrgConnectionService;
import reactor.core.publisher.Mono;

/**
 * The one way a feature service changes something in ClickHouse Cloud: the attempt is audited (and committed) before
 * the call, the call goes through the one client (and so its key's request budget), and the result is audited with
 * the upstream status and requestId, or the before → after of the change. Failures come back as a
 * {@link ChangeOutcome} carrying the API's message, never as an exception to the page.
 *
 * <p>The role check is the caller's: every public method of a feature service carries its {@code @PreAuthorize}.
 */
@Component
public class AuditedCloudCalls {

    static final Duration CALL_LIMIT = Duration.ofSeconds(90);
    /** Service names change rarely: remembered this long, so naming a service costs no request budget. */
    static final Duration NAME_MEMORY = Duration.ofMinutes(5);

    private record RememberedName(String name, long until) {
    }

    private final java.util.Map<ServiceRef, RememberedName> serviceNames = new java.util.concurrent.ConcurrentHashMap<>();

    private final OrgConnectionService connections;
    private final ClickHouseCloudClient cloud;
    private final AuditLog audit;

    public AuditedCloudCalls(OrgConnectionService connections, ClickHouseCloudClient cloud, AuditLog audit) {
        this.connections = connections;
        this.cloud = cloud;
        this.audit = audit;
    }

    /** The decrypted connection to the organization (a read needs no audit record). */
    public CloudConnection connection(String organizationId) {
        return connections.cloudConnection(connections.get(organizationId));
    }

    /** The connection's record (display name, sandbox flag) for breadcrumbs. */
    public OrgConnection organization(String organizationId) {
        return connections.get(organizationId);
    }

    /** What an audit record of a change to this pipe names: ids, and the names where known. */
    public AuditTarget target(PipeRef pipe, String pipeName) {
        return target(pipe.service()).withPipe(pipe.pipeId(), pipeName);
    }

    /** What an audit record of a change to this service names. The service's name comes from the read cache. */
    public AuditTarget target(ServiceRef service) {
        OrgConnection connection = connections.get(service.organizationId());
        String organizationName = connection.getOrganizationName() != null ? connection.getOrganizationName()
                : connection.getDisplayName();
        return AuditTarget.service(service.organizationId(), organizationName, service.serviceId(),
                serviceName(connection, service));
    }

    private String serviceName(OrgConnection connection, ServiceRef service) {
        RememberedName remembered = serviceNames.get(service);
        if (remembered != null && remembered.until() > System.nanoTime()) {
            return remembered.name();
        }
        try {
            String name = cloud.instanceGet(connections.cloudConnection(connection), service.serviceId())
                    .block(Duration.ofSeconds(5)).name();
            if (serviceNames.size() > 10_000) {
                serviceNames.clear();
            }
            serviceNames.put(service, new RememberedName(name, System.nanoTime() + NAME_MEMORY.toNanos()));
            return name;
        } catch (RuntimeException unnamed) {
            return null; // the id identifies the service; the name is a courtesy
        }
    }

    /**
     * The pipe as ClickHouse Cloud holds it now, when its {@code updatedAt} is no longer {@code seenUpdatedAt}: someone
     * changed it after the user loaded the page. Empty when nothing changed or the user saw no timestamp.
     */
    public Optional<ClickPipe> changedSince(PipeRef pipe, Instant seenUpdatedAt) {
        if (seenUpdatedAt == null) {
            return Optional.empty();
        }
        ClickPipe current = cloud.clickPipeGetFresh(connection(pipe.organizationId()), pipe.serviceId(),
                pipe.pipeId()).block(CALL_LIMIT);
        if (current == null || current.updatedAt() == null || current.updatedAt().equals(seenUpdatedAt)) {
            return Optional.empty();
        }
        return Optional.of(current);
    }

    /**
     * Audits {@code entry} as an attempt, makes {@code call} and audits its result: {@code success} says what to record
     * of the answer (say, a before → after). Secrets named in the entry never reach the record.
     */
    public <T> ChangeOutcome<T> call(AuditEntry entry, Function<CloudConnection, Mono<T>> call,
            Function<T, AuditResult> success) {
        CloudConnection connection = connection(entry.target().organizationId());
        try {
            T value = audit.recordCall(entry, () -> call.apply(connection).block(CALL_LIMIT), success,
                    AuditedCloudCalls::failure);
            return ChangeOutcome.done(value);
        } catch (RuntimeException e) {
            return ChangeOutcome.failed(CloudProblem.of(e));
        }
    }

    /** As {@link #call(AuditEntry, Function, Function)}, recording plain success. */
    public <T> ChangeOutcome<T> call(AuditEntry entry, Function<CloudConnection, Mono<T>> call) {
        return call(entry, call, value -> AuditResult.success());
    }

    /** A refusal before any call (bad input, a state the change does not apply to): audited as invalid. */
    public void refused(AuditEntry.Builder entry, Collection<String> reasons) {
        audit.recordIndependently(entry.invalid(String.join(" ", List.copyOf(reasons))).build());
    }

    /** The audit result of a failed call; null when it was sent and no answer came, so its outcome is unknown. */
    static AuditResult failure(RuntimeException e) {
        if (e instanceof CloudNoAnswerException) {
            return null;
        }
        if (e instanceof BudgetExhaustedException exhausted) {
            return AuditResult.denied(429, exhausted.getMessage(), null);
        }
        CloudProblem problem = CloudProblem.of(e);
        if (problem.status() != null && (problem.status() == 400 || problem.status() == 422)) {
            return AuditResult.invalid(problem.status(), problem.message(), problem.requestId());
        }
        return AuditResult.upstreamError(problem.status(), problem.message(), problem.requestId());
    }
}
