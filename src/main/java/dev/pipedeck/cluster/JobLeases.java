package dev.pipedeck.cluster;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Leases in the database that let one instance at a time run a background job (the metrics collector, alert
 * evaluation), however many instances share the database. An instance holds a job's lease by renewing it before it
 * expires; when it stops (or dies, once the lease expired) another takes the job over. Times are wall-clock (kept in
 * sync by NTP), never a test's movable clock.
 */
@Component
public class JobLeases {

    private static final Logger log = LoggerFactory.getLogger(JobLeases.class);

    private final JdbcTemplate jdbc;
    private final String holder;

    public JobLeases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    }

    /**
     * Takes or renews {@code job}'s lease for {@code duration}: true if this instance now holds it (and should run
     * the job), false if another instance holds an unexpired one or the database cannot be reached.
     */
    public boolean holds(String job, Duration duration) {
        Instant now = Instant.now();
        Timestamp until = Timestamp.from(now.plus(duration));
        try {
            int renewed = jdbc.update("update job_lease set holder = ?, expires_at = ? where job_name = ?"
                    + " and (holder = ? or expires_at < ?)", holder, until, job, holder, Timestamp.from(now));
            if (renewed == 1) {
                return true;
            }
            try {
                jdbc.update("insert into job_lease (job_name, holder, expires_at) values (?, ?, ?)", job, holder,
                        until);
                return true;
            } catch (DuplicateKeyException anotherInstanceHoldsIt) {
                return false;
            }
        } catch (DataAccessException e) {
            log.warn("The lease of {} could not be taken, so this instance skips it: {}", job, e.getMessage());
            return false;
        }
    }

    /** This instance's name in the leases it holds. */
    public String holder() {
        return holder;
    }

    /** Gives up this instance's leases, so another instance takes the jobs over at once. */
    @PreDestroy
    public void releaseAll() {
        try {
            jdbc.update("delete from job_lease where holder = ?", holder);
        } catch (DataAccessException e) {
            log.debug("Leases not released on shutdown (they expire by themselves): {}", e.getMessage());
        }
    }
}
