package dev.pipedeck.pipes;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code pipedeck.pipes.mapping-change.cleanup-interval} (10 minutes by default): stores the running table
 * mapping changes whose instance stopped renewing their heartbeat as interrupted (their pages say so already), and
 * deletes the changes that ended longer than {@code keep-finished} ago (7 days by default). Safe on several instances
 * at once: each statement only changes rows that still qualify.
 */
@Component
class TableMappingJobCleanup {

    private static final Logger log = LoggerFactory.getLogger(TableMappingJobCleanup.class);

    private final StoredTableMappingJobs jobs;
    private final TableMappingJobProperties properties;
    private final Clock clock;

    TableMappingJobCleanup(StoredTableMappingJobs jobs, TableMappingJobProperties properties, Clock clock) {
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${pipedeck.pipes.mapping-change.cleanup-interval:10m}",
            initialDelayString = "${pipedeck.pipes.mapping-change.cleanup-interval:10m}")
    void cleanUp() {
        int interrupted = jobs.interruptStale();
        if (interrupted > 0) {
            log.warn("{} table mapping change(s) stored as interrupted: the instance running them stopped.",
                    interrupted);
        }
        int deleted = jobs.deleteFinishedBefore(clock.instant().minus(properties.keepFinished()));
        if (deleted > 0) {
            log.info("Deleted {} table mapping change(s) that ended more than {} ago.", deleted,
                    properties.keepFinished());
        }
    }
}
