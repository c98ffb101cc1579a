package dev.pipedeck.users;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One single-use recovery code of a second factor, stored as the SHA-256 of the code (80 random bits). */
@Entity
@Table(name = "account_recovery_code")
class RecoveryCode {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    @Column(name = "code_hash", nullable = false, length = 64)
    private String codeHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "used_at", insertable = false, updatable = false)
    private Instant usedAt;

    protected RecoveryCode() {
    }

    RecoveryCode(long accountId, String codeHash, Instant now) {
        this.accountId = accountId;
        this.codeHash = codeHash;
        this.createdAt = now;
    }

    Long getId() {
        return id;
    }

    String getCodeHash() {
        return codeHash;
    }

    Instant getUsedAt() {
        return usedAt;
    }
}
