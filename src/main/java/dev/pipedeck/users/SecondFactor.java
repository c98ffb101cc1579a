package dev.pipedeck.users;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.pipedeck.secrets.SecretBinding;

/**
 * A local account's TOTP second factor: its secret (ciphertext bound to the account), enabled once the first code
 * confirmed it. The last accepted step is only ever moved forward by a conditional update
 * ({@link SecondFactorRepository#useStep}), never written from here, so no code is accepted twice.
 */
@Entity
@Table(name = "account_second_factor")
class SecondFactor {

    static final String SECRET_TABLE = "account_totp";

    @Id
    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "secret_ciphertext", nullable = false, length = 512)
    private String secretCiphertext;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "enabled_at")
    private Instant enabledAt;

    @Column(name = "last_used_step", insertable = false, updatable = false)
    private Long lastUsedStep;

    protected SecondFactor() {
    }

    SecondFactor(long accountId, String secretCiphertext, Instant now) {
        this.accountId = accountId;
        this.secretCiphertext = secretCiphertext;
        this.createdAt = now;
    }

    static SecretBinding bindingOf(long accountId) {
        return new SecretBinding(SECRET_TABLE, accountId);
    }

    Long getAccountId() {
        return accountId;
    }

    String getSecretCiphertext() {
        return secretCiphertext;
    }

    boolean isEnabled() {
        return enabledAt != null;
    }

    Instant getEnabledAt() {
        return enabledAt;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    void enable(Instant now) {
        this.enabledAt = now;
    }
}
