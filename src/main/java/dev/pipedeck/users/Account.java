package dev.pipedeck.users;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A Pipedeck team member: a {@link AccountKind#LOCAL local} account signs in with its username and password (and a
 * second factor when enrolled); an {@link AccountKind#EXTERNAL external} one through the identity provider it is
 * linked to (issuer and subject), and has no password.
 */
@Entity
@Table(name = "account")
public class Account {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(name = "password_hash")
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AccountKind kind;

    @Column(name = "external_issuer")
    private String externalIssuer;

    @Column(name = "external_subject")
    private String externalSubject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "session_version", nullable = false)
    private int sessionVersion;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;

    protected Account() {
    }

    Account(String username, String passwordHash, Role role, Instant now) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.kind = AccountKind.LOCAL;
        this.role = role;
        this.enabled = true;
        this.createdAt = now;
        this.passwordChangedAt = now;
    }

    /** An account created at its first single sign-on, linked to the identity provider's issuer and subject. */
    static Account external(String username, String issuer, String subject, Role role, Instant now) {
        Account account = new Account(username, null, role, now);
        account.kind = AccountKind.EXTERNAL;
        account.externalIssuer = issuer;
        account.externalSubject = subject;
        return account;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public AccountKind getKind() {
        return kind;
    }

    /** Signs in through the identity provider only: no password, no second factor of Pipedeck's own. */
    public boolean isExternal() {
        return kind == AccountKind.EXTERNAL;
    }

    public String getExternalIssuer() {
        return externalIssuer;
    }

    public String getExternalSubject() {
        return externalSubject;
    }

    public Role getRole() {
        return role;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public int getSessionVersion() {
        return sessionVersion;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getPasswordChangedAt() {
        return passwordChangedAt;
    }

    void changePassword(String newHash, Instant now, boolean endSessions) {
        this.passwordHash = newHash;
        this.passwordChangedAt = now;
        if (endSessions) {
            endSessions();
        }
    }

    void changeRole(Role newRole) {
        this.role = newRole;
        endSessions();
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
        if (!enabled) {
            endSessions();
        }
    }

    /** Every session signed in under an older version is ended on its next request. */
    void endSessions() {
        this.sessionVersion++;
    }
}
