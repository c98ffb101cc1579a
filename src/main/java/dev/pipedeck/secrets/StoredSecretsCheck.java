package dev.pipedeck.secrets;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Once every bean exists (database migrated, stores ready) and before the web server takes requests, decrypts one
 * stored secret of each {@link EncryptedSecretStore}. A master key that cannot is a {@link MasterKeyException}, so
 * the application does not start with a key that was changed or lost.
 */
public class StoredSecretsCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StoredSecretsCheck.class);

    private final SecretCipher cipher;
    private final ObjectProvider<EncryptedSecretStore> stores;

    public StoredSecretsCheck(SecretCipher cipher, ObjectProvider<EncryptedSecretStore> stores) {
        this.cipher = cipher;
        this.stores = stores;
    }

    @Override
    public void afterSingletonsInstantiated() {
        check();
    }

    /** Decrypts one stored secret of each store, or throws {@link MasterKeyException}. */
    public void check() {
        List<EncryptedSecretStore> all = stores.orderedStream().toList();
        for (EncryptedSecretStore store : all) {
            Optional<StoredSecret> sample = store.first();
            if (sample.isEmpty()) {
                continue;
            }
            StoredSecret secret = sample.get();
            try {
                cipher.decrypt(secret.ciphertext(), secret.binding());
            } catch (SecretCipherException e) {
                String source = cipher.keyset().source().description();
                throw new MasterKeyException("The master key from " + source + " cannot decrypt the stored secrets ("
                        + store.name() + ", "
                        + secret.binding() + "): was the key changed or lost?",
                        "Restore the key that was in use when they were stored (PIPEDECK_MASTER_KEY, "
                                + "PIPEDECK_MASTER_KEY_FILE, or the data dir's master-key.json from a backup). "
                                + "A rotated keyset must keep its old keys until every secret is re-encrypted.");
            }
        }
        log.debug("The master key decrypts the stored secrets of {} store(s).", all.size());
    }
}
