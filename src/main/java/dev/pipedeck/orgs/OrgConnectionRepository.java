package dev.pipedeck.orgs;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface OrgConnectionRepository extends JpaRepository<OrgConnection, Long> {

    Optional<OrgConnection> findByOrganizationId(String organizationId);

    List<OrgConnection> findAllByOrderByDisplayNameAsc();

    List<OrgConnection> findByKeySecretCiphertextIsNotNullOrderByIdAsc();

    /** Replaces a ciphertext only if nobody changed it meanwhile (re-encryption racing an edit). */
    @Modifying
    @Query("update OrgConnection c set c.keySecretCiphertext = :replacement where c.id = :id and c.keySecretCiphertext = :expected")
    int replaceCiphertextIfUnchanged(long id, String expected, String replacement);
}
