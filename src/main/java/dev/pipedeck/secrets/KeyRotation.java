package dev.pipedeck.secrets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Master key rotation: add a new primary key to the generated key file, and re-encrypt every stored secret under the
 * primary key in use. Free of web concerns; callers apply method security (e.g. {@code @PreAuthorize} on a subclass
 * or facade) and auditing.
 */
public class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final SecretCipher cipher;
    private final ObjectProvider<EncryptedSecretStore> stores;

    public KeyRotation(SecretCipher cipher, ObjectProvider<EncryptedSecretStore> stores) {
        this.cipher = cipher;
        this.stores = stores;
    }

    /**
     * Adds a new AES-256-GCM key to the generated key file and makes it primary, keeping the old keys, and writes the
     * file atomically, owner-only. The running application keeps its primary key until restarted.
     *
     * @throws KeyRotationException when the keyset comes from {@code PIPEDECK_MASTER_KEY} or
     *         {@code PIPEDECK_MASTER_KEY_FILE} (rotate those outside Pipedeck) or the file cannot be written
     */
    public KeyFileRotation rotateGeneratedKeyFile() {
        MasterKeySource source = cipher.keyset().source();
        if (source.origin() != MasterKeySource.Origin.GENERATED_FILE) {
            throw new KeyRotationException("The master key comes from " + source.description()
                    + ", so Pipedeck does not rotate it: add a new AES256_GCM key to that keyset, make it primary, "
                    + "keep the old keys, restart Pipedeck, then re-encrypt the stored secrets.");
        }
        MasterKeyFile file = new MasterKeyFile(source.file());
        MasterKeyset current = MasterKeyset.parse(file.read(source), source);
        MasterKeyset rotated = current.withNewPrimary();
        try {
            file.write(rotated.toJson());
        } catch (IOException e) {
            throw new KeyRotationException("Could not write the rotated master key to " + file.path() + " ("
                    + e.getClass().getSimpleName() + "); the file was left as it was.");
        }
        KeyFileRotation rotation = new KeyFileRotation(file.path(), current.primaryKeyId(), rotated.primaryKeyId(),
                rotated.keyCount());
        log.info("{}", rotation.message());
        return rotation;
    }

    /**
     * Decrypts every stored secret of every store and re-encrypts it under the current primary key, skipping those
     * already under it. Safe to repeat and to interrupt: every key of the keyset still decrypts.
     *
     * @throws SecretCipherException when a stored secret cannot be decrypted (the rows before it stay re-encrypted)
     */
    public List<StoreReencryption> reencryptAll() {
        List<StoreReencryption> results = new ArrayList<>();
        stores.orderedStream().forEach(store -> results.add(reencrypt(store)));
        return results;
    }

    private StoreReencryption reencrypt(EncryptedSecretStore store) {
        int reencrypted = 0;
        int alreadyUnderPrimary = 0;
        int changedMeanwhile = 0;
        for (StoredSecret secret : store.all()) {
            if (cipher.isUnderPrimaryKey(secret.ciphertext())) {
                alreadyUnderPrimary++;
                continue;
            }
            String plaintext = cipher.decrypt(secret.ciphertext(), secret.binding());
            String ciphertext = cipher.encrypt(plaintext, secret.binding());
            if (store.replaceIfUnchanged(secret.binding(), secret.ciphertext(), ciphertext)) {
                reencrypted++;
            } else {
                changedMeanwhile++;
            }
        }
        log.info("Re-encrypted {} secret(s) of {} under primary key {} ({} already under it, {} changed meanwhile).",
                reencrypted, store.name(), Integer.toUnsignedString(cipher.primaryKeyId()), alreadyUnderPrimary,
                changedMeanwhile);
        return new StoreReencryption(store.name(), reencrypted, alreadyUnderPrimary, changedMeanwhile);
    }
}
