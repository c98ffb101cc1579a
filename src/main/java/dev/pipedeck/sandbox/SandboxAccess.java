package dev.pipedeck.sandbox;

import org.springframework.stereotype.Service;

/**
 * What the console needs to connect to the built-in sandbox: whether it is on, its organization, and a key it issues.
 * The console builds the base URL itself: {@code http://127.0.0.1:{local.server.port}{contextPath}/sandbox}.
 */
@Service
public class SandboxAccess {

    /** The name issued keys get when the caller gives none. */
    public static final String DEFAULT_KEY_NAME = "Pipedeck console";

    private final SandboxProperties properties;
    private final SandboxKeys keys;

    SandboxAccess(SandboxProperties properties, SandboxKeys keys) {
        this.properties = properties;
        this.keys = keys;
    }

    /** Whether the sandbox answers under {@code /sandbox/v1} ({@code pipedeck.sandbox.enabled}). */
    public boolean isEnabled() {
        return properties.enabled();
    }

    /** The id of the sandbox's one organization; fixed, so stored connections survive restarts. */
    public String organizationId() {
        return SandboxSeed.ORGANIZATION_ID;
    }

    /** Issues a new API key named {@value #DEFAULT_KEY_NAME}. */
    public SandboxCredentials issueKey() {
        return issueKey(DEFAULT_KEY_NAME);
    }

    /**
     * Issues a new API key. The secret is returned in plain text this once; the sandbox keeps only its hash, so store
     * it (encrypted) if you need it again. Keys last {@link SandboxKeys#LIFETIME} and survive restarts.
     *
     * @param name what the key is for, shown in the key list (1 to 100 characters)
     * @throws IllegalStateException when the sandbox is disabled
     */
    public SandboxCredentials issueKey(String name) {
        if (!isEnabled()) {
            throw new IllegalStateException("The sandbox is disabled (pipedeck.sandbox.enabled=false)");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("A key name must be 1 to 100 characters");
        }
        SandboxKeys.IssuedKey issued = keys.issue(name.strip());
        return new SandboxCredentials(organizationId(), issued.keyId(), issued.secret());
    }
}
