package dev.pipedeck.users;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    Optional<ApiToken> findByTokenId(String tokenId);

    List<ApiToken> findByAccountIdOrderByCreatedAtDesc(Long accountId);
}
