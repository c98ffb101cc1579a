package dev.pipedeck.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's API keys: issued with a random id and secret, kept as a SHA-256 hash of the secret (the secret has
 * 238 random bits, so a plain hash cannot be reversed by guessing), checked on every request in constant time.
 */
@Component
class SandboxKeys {

    /** Issued keys expire after this long, like keys made in the ClickHouse Cloud console with an expiry. */
    static final Duration LIFETIME = Duration.ofDays(365);
    private static final String HASH_PREFIX = "{sha256}";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String ADMIN_ROLE_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    private static final String DEVELOPER_ROLE_ID = "1a2b3c4d-5e6f-4071-8293-a4b5c6d7e8f9";
    /** A key someone else made in the organization: listed, never usable (nobody knows its secret). */
    private static final String OTHER_KEY_ID = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";

    private final SandboxKeyRepository repository;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SandboxKey> verified = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();

    SandboxKeys(SandboxKeyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** A new key; the plain secret is in the answer and nowhere else. */
    @Transactional
    IssuedKey issue(String name) {
        String keyId = randomText(20);
        String secret = "4b1d" + randomText(40);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        repository.save(new SandboxKey(UUID.randomUUID().toString(), keyId, name, hash(secret), now,
                now.plus(LIFETIME)));
        return new IssuedKey(keyId, secret);
    }

    /** Whether {@code keyId} and {@code secret} make an issued key that has not expired; notes its use. */
    boolean authenticate(String keyId, String secret) {
        if (keyId == null || secret == null || keyId.isEmpty() || keyId.length() > 64) {
            return false;
        }
        SandboxKey key = verified.get(keyId);
        if (key == null) {
            key = repository.findByKeyId(keyId).orElse(null);
        }
        byte[] expected = (key == null ? HASH_PREFIX + "0".repeat(64) : key.getSecretHash())
                .getBytes(StandardCharsets.US_ASCII);
        boolean matches = MessageDigest.isEqual(expected, hash(secret).getBytes(StandardCharsets.US_ASCII));
        Instant now = clock.instant();
        if (key == null || !matches || (key.getExpiresAt() != null && !now.isBefore(key.getExpiresAt()))) {
            return false;
        }
        verified.put(keyId, key);
        lastUsed.put(keyId, now);
        return true;
    }

    /** The organization's keys as {@code openapiKeyGetList} answers them: never their secrets. */
    @Transactional(readOnly = true)
    ArrayNode listJson(Instant organizationCreatedAt) {
        ArrayNode keys = SandboxWire.NODES.arrayNode();
        for (SandboxKey key : repository.findAllByOrderByCreatedAt()) {
            ObjectNode json = keys.addObject();
            json.put("id", key.getId());
            json.put("name", key.getName());
            json.put("state", "enabled");
            json.putArray("roles").add("admin");
            json.putArray("assignedRoles").addObject().put("roleId", ADMIN_ROLE_ID).put("roleName", "Admin")
                    .put("roleType", "system");
            json.put("keySuffix", key.getKeyId().substring(key.getKeyId().length() - 4));
            json.put("createdAt", key.getCreatedAt().toString());
            json.put("expireAt", key.getExpiresAt() == null ? null : key.getExpiresAt().toString());
            Optional.ofNullable(lastUsed.get(key.getKeyId()))
                    .ifPresent(used -> json.put("usedAt", used.truncatedTo(ChronoUnit.MINUTES).toString()));
            json.putArray("ipAccessList").addObject().put("source", "0.0.0.0/0").put("description", "anywhere");
        }
        ObjectNode other = keys.addObject();
        other.put("id", OTHER_KEY_ID);
        other.put("name", "ci-readonly (made in the ClickHouse Cloud console)");
        other.put("state", "enabled");
        other.putArray("roles").add("developer");
        other.putArray("assignedRoles").addObject().put("roleId", DEVELOPER_ROLE_ID).put("roleName", "Developer")
                .put("roleType", "system");
        other.put("keySuffix", "Qx7z");
        other.put("createdAt", organizationCreatedAt.toString());
        other.putNull("expireAt");
        other.putArray("ipAccessList");
        return keys;
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HASH_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A key just issued: its id and plain secret. */
    record IssuedKey(String keyId, String secret) {

        @Override
        public String toString() {
            return "IssuedKey[keyId=" + keyId + ", secret=••••]";
        }
    }
}
