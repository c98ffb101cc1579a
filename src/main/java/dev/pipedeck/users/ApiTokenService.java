package dev.pipedeck.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.audit.AuditTarget;

/** Creates, lists and revokes the signed-in user's API tokens; every change is audited without the secret. */
@Service
public class ApiTokenService {

    static final String PREFIX = "pdt_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiTokenRepository tokens;
    private final AccountRepository accounts;
    private final AuditLog audit;
    private final Clock clock;

    public ApiTokenService(ApiTokenRepository tokens, AccountRepository accounts, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated() and #username == authentication.name")
    public List<ApiToken> tokensOf(String username) {
        return accounts.findByUsername(username)
                .map(owner -> tokens.findByAccountIdOrderByCreatedAtDesc(owner.getId()))
                .orElse(List.of());
    }

    /** A new token for the signed-in user, with at most their own role; its secret is returned once. */
    @Transactional
    @PreAuthorize("isAuthenticated() and #username == authentication.name")
    public NewApiToken create(String username, String name, Role role, Integer validDays) {
        Account owner = owner(username);
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 100) {
            throw new AccountRuleViolation("name", "Name the token after the script that uses it (up to 100 characters).");
        }
        if (role == null || !owner.getRole().includes(role)) {
            throw new AccountRuleViolation("role", "Choose a role no higher than your own (" + owner.getRole().label() + ").");
        }
        if (validDays != null && (validDays < 1 || validDays > 3650)) {
            throw new AccountRuleViolation("validDays", "Between 1 and 3650 days, or empty for no expiry.");
        }
        Instant now = clock.instant();
        String tokenId = PREFIX + random(15);
        String secret = random(32);
        ApiToken token = tokens.save(new ApiToken(tokenId, hash(secret), owner.getId(), cleanName, role, now,
                validDays == null ? null : now.plus(Duration.ofDays(validDays))));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("tokenId", tokenId);
        summary.put("name", cleanName);
        summary.put("role", role.name());
        summary.put("expiresAt", token.getExpiresAt() == null ? "never" : token.getExpiresAt().toString());
        audit.record(AuditEntry.of("token.create").target(AuditTarget.account(username)).request(summary)
                .secretValues(secret).build());
        return new NewApiToken(token, secret);
    }

    @Transactional
    @PreAuthorize("isAuthenticated() and #username == authentication.name")
    public ApiToken revoke(String username, String tokenId) {
        Account owner = owner(username);
        ApiToken token = tokens.findByTokenId(tokenId).filter(t -> t.getAccountId().equals(owner.getId()))
                .orElseThrow(() -> new AccountRuleViolation(null, "No such token of yours."));
        token.revoke(clock.instant());
        audit.record(AuditEntry.of("token.revoke").target(AuditTarget.account(username))
                .request(Map.of("tokenId", tokenId, "name", token.getName())).build());
        return token;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Account owner(String username) {
        return accounts.findByUsername(username)
                .orElseThrow(() -> new AccountRuleViolation(null, "Your account no longer exists."));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
