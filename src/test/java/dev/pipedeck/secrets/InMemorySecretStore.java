package dev.pipedeck.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** A tiny {@link EncryptedSecretStore} for tests: ciphertext by binding, in insertion order. */
class InMemorySecretStore implements EncryptedSecretStore {

    private final String name;
    private final Map<SecretBinding, String> rows = new LinkedHashMap<>();

    InMemorySecretStore(String name) {
        this.name = name;
    }

    /** An {@link ObjectProvider} over the given stores, as Spring would inject it. */
    static ObjectProvider<EncryptedSecretStore> providerOf(EncryptedSecretStore... stores) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        for (int i = 0; i < stores.length; i++) {
            beans.registerSingleton("store" + i, stores[i]);
        }
        return beans.getBeanProvider(EncryptedSecretStore.class);
    }

    InMemorySecretStore put(SecretBinding binding, String ciphertext) {
        rows.put(binding, ciphertext);
        return this;
    }

    String get(SecretBinding binding) {
        return rows.get(binding);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<StoredSecret> all() {
        List<StoredSecret> all = new ArrayList<>();
        rows.forEach((binding, ciphertext) -> all.add(new StoredSecret(binding, ciphertext)));
        return all;
    }

    @Override
    public void replace(SecretBinding binding, String newCiphertext) {
        if (!rows.containsKey(binding)) {
            throw new IllegalArgumentException("no row " + binding);
        }
        rows.put(binding, newCiphertext);
    }
}
