package dev.pipedeck.secrets;

/**
 * Re-encryption counts for one {@link EncryptedSecretStore}: rows re-encrypted under the primary key, rows already
 * under it, and rows left alone because they changed or went away while being re-encrypted (a secret saved
 * meanwhile is under the primary already).
 */
public record StoreReencryption(String store, int reencrypted, int alreadyUnderPrimary, int changedMeanwhile) {
}
