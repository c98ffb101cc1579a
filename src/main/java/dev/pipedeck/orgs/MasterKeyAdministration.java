package dev.pipedeck.orgs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.audit.AuditResult;
import dev.pipedeck.audit.AuditTarget;
import dev.pipedeck.secrets.KeyFileRotation;
import dev.pipedeck.secrets.KeyRotation;
import dev.pipedeck.secrets.MasterKeyset;
import dev.pipedeck.secrets.SecretCipher;
import dev.pipedeck.secrets.StoreReencryption;

/**
 * The master key's ADMIN actions, audited: rotate the generated key file (a new primary, used after restart) and
 * re-encrypt every stored secret under the primary in use.
 */
@Service
public class MasterKeyAdministration {

    private final SecretCipher cipher;
    private final KeyRotation rotation;
    private final AuditLog audit;

    public MasterKeyAdministration(SecretCipher cipher, KeyRotation rotation, AuditLog audit) {
        this.cipher = cipher;
        this.rotation = rotation;
        this.audit = audit;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public MasterKeyset keyset() {
        return cipher.keyset();
    }

    @PreAuthorize("hasRole('ADMIN')")
    public KeyFileRotation rotateKeyFile() {
        AuditEntry entry = AuditEntry.of("masterkey.rotate").target(AuditTarget.NONE)
                .request(Map.of("source", cipher.keyset().source().description())).build();
        try {
            KeyFileRotation done = rotation.rotateGeneratedKeyFile();
            audit.record(entry.toBuilder().change(Map.of("primaryKeyId", done.previousPrimaryKeyId()),
                    Map.of("primaryKeyId", done.newPrimaryKeyId(), "keys", done.keyCount())).build());
            return done;
        } catch (RuntimeException e) {
            audit.recordIndependently(entry.toBuilder().invalid(e.getMessage()).build());
            throw e;
        }
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<StoreReencryption> reencryptAll() {
        return audit.recordCall(AuditEntry.of("masterkey.reencrypt").target(AuditTarget.NONE)
                        .request(Map.of("primaryKeyId", cipher.primaryKeyId())).build(),
                rotation::reencryptAll,
                results -> {
                    Map<String, Object> counts = new LinkedHashMap<>();
                    results.forEach(r -> counts.put(r.store(), r.reencrypted() + " re-encrypted, "
                            + r.alreadyUnderPrimary() + " already under the primary key"));
                    return AuditResult.success().withChange(Map.of(), counts);
                },
                failure -> AuditResult.invalid(null, failure.getMessage(), null));
    }
}
