package dev.pipedeck.sandbox;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface SandboxKeyRepository extends JpaRepository<SandboxKey, String> {

    Optional<SandboxKey> findByKeyId(String keyId);

    List<SandboxKey> findAllByOrderByCreatedAt();
}
