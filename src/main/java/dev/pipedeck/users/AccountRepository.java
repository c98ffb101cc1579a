package dev.pipedeck.users;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

public interface AccountRepository extends JpaRepository<Account, Long> {

    Optional<Account> findByUsername(String username);

    boolean existsByUsername(String username);

    /** The account a single sign-on identity is linked to. */
    Optional<Account> findByExternalIssuerAndExternalSubject(String issuer, String subject);

    long countByRoleAndEnabledTrue(Role role);

    /** Locks the enabled accounts of a role, so two admins cannot demote each other at the same moment. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    List<Account> findByRoleAndEnabledTrueOrderByIdAsc(Role role);

    List<Account> findAllByOrderByUsernameAsc();
}
