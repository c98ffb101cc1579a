package dev.pipedeck.pipes;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditResult;
import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipesCdcScaling;
import dev.pipedeck.orgs.OrgConnection;

/**
 * The compute a service's database pipes (Postgres, MySQL, MongoDB, BigQuery) share for initial load and CDC
 * ({@code GET/PATCH …/clickpipesCdcScaling}): 1 to 32 whole cores with memory locked to 4 GiB per core. Everyone
 * reads it; operators change it. ClickHouse Cloud has it only once a database pipe was provisioned in the service.
 */
@Service
public class CdcCapacity {

    static final String ACTION = "service.cdcScaling.update";
    private static final Duration READ_LIMIT = Duration.ofSeconds(90);

    private final AuditedCloudCalls calls;
    private final ClickHouseCloudClient cloud;

    public CdcCapacity(AuditedCloudCalls calls, ClickHouseCloudClient cloud) {
        this.calls = calls;
        this.cloud = cloud;
    }

    @PreAuthorize("hasRole('VIEWER')")
    public CdcCapacityPage read(ServiceRef service) {
        return load(service);
    }

    /** Sets the capacity to {@code coresText} whole cores (and 4 GiB per core), when that is a change. */
    @PreAuthorize("hasRole('OPERATOR')")
    public CdcCapacityApplied apply(ServiceRef service, String coresText) {
        CdcCapacityPage page = load(service);
        Integer cores = cores(coresText);
        if (cores == null) {
            String error = "Choose " + ClickPipesCdcScaling.MIN_CORES + " to " + ClickPipesCdcScaling.MAX_CORES
                    + " whole cores.";
            calls.refused(AuditEntry.of(ACTION).target(calls.target(service)).request(
                    Map.of("cores", coresText == null ? "" : coresText)), List.of(error));
            return notApplied(page, page.cores(), coresText, error, page.notice());
        }
        if (!page.readable()) {
            return notApplied(page, cores, null, null, page.notice());
        }
        ClickPipesCdcScaling before = page.current();
        ClickPipesCdcScaling wanted = ClickPipesCdcScaling.ofCores(cores);
        if (wanted.replicaCpuMillicores().equals(before.replicaCpuMillicores())
                && wanted.replicaMemoryGb().equals(before.replicaMemoryGb())) {
            return notApplied(page, cores, null, null, "It already has " + CdcCapacityPage.describe(cores)
                    + ", so nothing was sent.");
        }
        AuditEntry entry = AuditEntry.of(ACTION).target(calls.target(service)).request(wanted).build();
        ChangeOutcome<ClickPipesCdcScaling> outcome = calls.call(entry,
                connection -> cloud.clickPipeCdcScalingUpdate(connection, service.serviceId(), wanted),
                answer -> AuditResult.success().withChange(before, answer == null ? wanted : answer));
        if (!outcome.succeeded()) {
            CloudProblem problem = outcome.problem();
            return new CdcCapacityApplied(null, new CdcCapacityPage(page.connection(), page.serviceId(),
                    page.serviceName(), before, cores, null, null, notAvailable(problem), problem, null));
        }
        ClickPipesCdcScaling after = outcome.value() == null ? wanted : outcome.value();
        return new CdcCapacityApplied("CDC capacity changed from " + describe(before) + " to " + describe(after)
                + ". It may take a few minutes to reach every database pipe.", null);
    }

    private static CdcCapacityApplied notApplied(CdcCapacityPage page, int cores, String typed, String error,
            String notice) {
        return new CdcCapacityApplied(null, new CdcCapacityPage(page.connection(), page.serviceId(),
                page.serviceName(), page.current(), cores, typed, error, page.notAvailable(), page.problem(), notice));
    }

    private CdcCapacityPage load(ServiceRef service) {
        OrgConnection connection = calls.organization(service.organizationId());
        CloudConnection cloudConnection = calls.connection(service.organizationId());
        String serviceName = service.serviceId();
        try {
            serviceName = cloud.instanceGet(cloudConnection, service.serviceId()).block(READ_LIMIT).name();
        } catch (RuntimeException unnamed) {
            // The id names the service well enough; the capacity read below reports what is wrong.
        }
        try {
            ClickPipesCdcScaling current = cloud.clickPipeCdcScalingGet(cloudConnection, service.serviceId())
                    .block(READ_LIMIT);
            int position = current == null || current.replicaCpuMillicores() == null ? ClickPipesCdcScaling.MIN_CORES
                    : clamp((int) Math.round(current.replicaCpuMillicores() / 1000.0));
            return new CdcCapacityPage(connection, service.serviceId(), serviceName, current, position, null, null,
                    false, null, null);
        } catch (RuntimeException e) {
            CloudProblem problem = CloudProblem.of(e);
            return new CdcCapacityPage(connection, service.serviceId(), serviceName, null,
                    ClickPipesCdcScaling.MIN_CORES, null, null, notAvailable(problem), problem, null);
        }
    }

    /**
     * Whether ClickHouse Cloud answered that the service has no CDC capacity yet: the endpoint "becomes available once
     * at least one database ClickPipe was provisioned", and until then answers Not Found.
     */
    static boolean notAvailable(CloudProblem problem) {
        if (problem == null) {
            return false;
        }
        String message = problem.message() == null ? "" : problem.message().toLowerCase(Locale.ROOT);
        return (problem.status() != null && problem.status() == 404) || message.contains("not available")
                || message.contains("becomes available");
    }

    /** Whole cores in range, or null. */
    private static Integer cores(String text) {
        if (text == null) {
            return null;
        }
        try {
            int cores = Integer.parseInt(text.strip());
            return cores >= ClickPipesCdcScaling.MIN_CORES && cores <= ClickPipesCdcScaling.MAX_CORES ? cores : null;
        } catch (NumberFormatException notWhole) {
            return null;
        }
    }

    private static int clamp(int cores) {
        return Math.max(ClickPipesCdcScaling.MIN_CORES, Math.min(ClickPipesCdcScaling.MAX_CORES, cores));
    }

    private static String describe(ClickPipesCdcScaling scaling) {
        if (scaling.replicaCpuMillicores() != null && scaling.replicaCpuMillicores() % 1000 == 0
                && scaling.replicaMemoryGb() != null
                && scaling.replicaMemoryGb() == scaling.replicaCpuMillicores() / 1000 * 4.0) {
            return CdcCapacityPage.describe(scaling.replicaCpuMillicores() / 1000);
        }
        return scaling.replicaCpuMillicores() + " millicores · " + scaling.replicaMemoryGb() + " GiB";
    }
}
