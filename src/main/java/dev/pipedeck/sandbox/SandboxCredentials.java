package dev.pipedeck.sandbox;

/**
 * An API key the sandbox just issued, with its secret in plain text. Returned once: store the secret encrypted, the
 * sandbox keeps only a hash. {@link #toString()} never prints the secret.
 *
 * @param organizationId the sandbox organization the key belongs to
 * @param keyId the key id (the HTTP Basic user)
 * @param keySecret the key secret (the HTTP Basic password)
 */
public record SandboxCredentials(String organizationId, String keyId, String keySecret) {

    @Override
    public String toString() {
        return "SandboxCredentials[organizationId=" + organizationId + ", keyId=" + keyId + ", keySecret=••••]";
    }
}
