package dev.pipedeck.orgs;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A ClickHouse Cloud organization Pipedeck manages, with the API key it uses. The key secret is held only as
 * ciphertext bound to this row; {@link OrgConnectionService} decrypts it when a call needs it.
 */
@Entity
@Table(name = "org_connection")
public class OrgConnection {

    public static final String SECRET_TABLE = "org_connection";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "display_name", nullable = false, length = 100)
    private String displayName;

    @Column(name = "organization_id", nullable = false, length = 64)
    private String organizationId;

    @Column(name = "key_id", nullable = false, length = 128)
    private String keyId;

    @Column(name = "key_secret_ciphertext", length = 1024)
    private String keySecretCiphertext;

    @Column(name = "base_url", nullable = false, length = 500)
    private String baseUrl;

    @Column(name = "budget_requests", nullable = false)
    private int budgetRequests;

    @Column(name = "budget_window_seconds", nullable = false)
    private int budgetWindowSeconds;

    @Column(name = "managed_by_config", nullable = false)
    private boolean managedByConfig;

    @Column(nullable = false)
    private boolean sandbox;

    @Column(name = "organization_name")
    private String organizationName;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected OrgConnection() {
    }

    OrgConnection(String displayName, String organizationId, String keyId, String baseUrl, int budgetRequests,
            int budgetWindowSeconds, boolean managedByConfig, boolean sandbox, Instant now) {
        this.displayName = displayName;
        this.organizationId = organizationId;
        this.keyId = keyId;
        this.baseUrl = baseUrl;
        this.budgetRequests = budgetRequests;
        this.budgetWindowSeconds = budgetWindowSeconds;
        this.managedByConfig = managedByConfig;
        this.sandbox = sandbox;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public String getKeyId() {
        return keyId;
    }

    /** The last four characters of the key id: what ClickHouse Cloud shows as the key's suffix. */
    public String getKeySuffix() {
        return keyId.length() <= 4 ? keyId : keyId.substring(keyId.length() - 4);
    }

    String getKeySecretCiphertext() {
        return keySecretCiphertext;
    }

    public boolean isKeySecretSet() {
        return keySecretCiphertext != null;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public int getBudgetRequests() {
        return budgetRequests;
    }

    public int getBudgetWindowSeconds() {
        return budgetWindowSeconds;
    }

    public Duration getBudgetWindow() {
        return Duration.ofSeconds(budgetWindowSeconds);
    }

    public boolean isManagedByConfig() {
        return managedByConfig;
    }

    public boolean isSandbox() {
        return sandbox;
    }

    public String getOrganizationName() {
        return organizationName;
    }

    public Instant getVerifiedAt() {
        return verifiedAt;
    }

    public boolean isVerified() {
        return verifiedAt != null;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    void describe(String displayName, String keyId, String baseUrl, int budgetRequests, int budgetWindowSeconds,
            Instant now) {
        if (!keyId.equals(this.keyId) || !baseUrl.equals(this.baseUrl)) {
            this.verifiedAt = null;
        }
        this.displayName = displayName;
        this.keyId = keyId;
        this.baseUrl = baseUrl;
        this.budgetRequests = budgetRequests;
        this.budgetWindowSeconds = budgetWindowSeconds;
        this.updatedAt = now;
    }

    void storeKeySecret(String ciphertext, Instant now) {
        this.keySecretCiphertext = ciphertext;
        this.verifiedAt = null;
        this.updatedAt = now;
    }

    /** Re-encryption under a new primary key: same secret, so the verification stands. */
    void replaceCiphertext(String ciphertext) {
        this.keySecretCiphertext = ciphertext;
    }

    /** A sandbox connection follows the port of the process that serves it; the key stays valid. */
    void pointAt(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    void manageByConfig() {
        this.managedByConfig = true;
    }

    void markVerified(String organizationName, Instant now) {
        this.organizationName = organizationName;
        this.verifiedAt = now;
    }
}
