package dev.pipedeck.users;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface LoginThrottleRepository extends JpaRepository<LoginThrottleEntry, String> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select e from LoginThrottleEntry e where e.key = :key")
    Optional<LoginThrottleEntry> findForUpdate(String key);

    @Modifying
    @Query("delete from LoginThrottleEntry e where e.windowStartedAt < :before and (e.blockedUntil is null or e.blockedUntil < :before)")
    int deleteStale(Instant before);
}
