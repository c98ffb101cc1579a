package dev.pipedeck.sandbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An API key the sandbox issued. Only a hash of its secret is kept; the secret itself was shown once. */
@Entity
@Table(name = "sandbox_key")
class SandboxKey {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "key_id", nullable = false, length = 64)
    private String keyId;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "secret_hash", nullable = false, length = 128)
    private String secretHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected SandboxKey() {
    }

    SandboxKey(String id, String keyId, String name, String secretHash, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.keyId = keyId;
        this.name = name;
        this.secretHash = secretHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    String getId() {
        return id;
    }

    String getKeyId() {
        return keyId;
    }

    String getName() {
        return name;
    }

    String getSecretHash() {
        return secretHash;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }
}
