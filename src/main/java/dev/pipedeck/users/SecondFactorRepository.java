package dev.pipedeck.users;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface SecondFactorRepository extends JpaRepository<SecondFactor, Long> {

    boolean existsByAccountIdAndEnabledAtIsNotNull(long accountId);

    /**
     * Records {@code step} as used, only if no code of this or a later step was accepted before: 1 when this code may
     * be accepted, 0 when it (or a later one) already was, on any instance.
     */
    @Modifying(flushAutomatically = true)
    @Query(value = "update account_second_factor set last_used_step = :step "
            + "where account_id = :accountId and (last_used_step is null or last_used_step < :step)", nativeQuery = true)
    int useStep(long accountId, long step);
}
