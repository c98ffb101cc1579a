package dev.pipedeck.users;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RecoveryCodeRepository extends JpaRepository<RecoveryCode, Long> {

    List<RecoveryCode> findByAccountIdAndUsedAtIsNull(long accountId);

    long countByAccountIdAndUsedAtIsNull(long accountId);

    @Modifying(flushAutomatically = true)
    @Query(value = "delete from account_recovery_code where account_id = :accountId", nativeQuery = true)
    int deleteAllOf(long accountId);

    /** Marks the code used, only if it was not yet: 1 when this use is the one that counts. */
    @Modifying(flushAutomatically = true)
    @Query(value = "update account_recovery_code set used_at = :now where id = :id and used_at is null",
            nativeQuery = true)
    int use(long id, Instant now);
}
