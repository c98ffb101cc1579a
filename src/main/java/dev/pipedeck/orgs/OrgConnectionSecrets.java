package dev.pipedeck.orgs;

import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.pipedeck.secrets.EncryptedSecretStore;
import dev.pipedeck.secrets.SecretBinding;
import dev.pipedeck.secrets.StoredSecret;

/** The API key secrets of organization connections, as the start-up check and re-encryption see them. */
@Component
class OrgConnectionSecrets implements EncryptedSecretStore {

    private final OrgConnectionRepository connections;

    OrgConnectionSecrets(OrgConnectionRepository connections) {
        this.connections = connections;
    }

    static SecretBinding bindingOf(long connectionId) {
        return new SecretBinding(OrgConnection.SECRET_TABLE, connectionId);
    }

    @Override
    public String name() {
        return "organization API keys";
    }

    @Override
    @Transactional(readOnly = true)
    public List<StoredSecret> all() {
        return connections.findByKeySecretCiphertextIsNotNullOrderByIdAsc().stream()
                .map(c -> new StoredSecret(bindingOf(c.getId()), c.getKeySecretCiphertext()))
                .toList();
    }

    @Override
    @Transactional
    public void replace(SecretBinding binding, String newCiphertext) {
        connections.findById(Long.parseLong(binding.rowId())).ifPresent(c -> c.replaceCiphertext(newCiphertext));
    }

    @Override
    @Transactional
    public boolean replaceIfUnchanged(SecretBinding binding, String expected, String newCiphertext) {
        return connections.replaceCiphertextIfUnchanged(Long.parseLong(binding.rowId()), expected, newCiphertext) == 1;
    }
}
