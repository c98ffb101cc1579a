package dev.pipedeck.wizard;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import dev.pipedeck.secrets.EncryptedSecretStore;
import dev.pipedeck.secrets.SecretBinding;
import dev.pipedeck.secrets.StoredSecret;

/**
 * The secrets of wizard drafts, as the start-up key check and re-encryption see them: one ciphertext per draft that
 * holds any. Expired drafts not yet deleted take part too, so none is left under a key that is about to be removed.
 */
@Component
class WizardDraftSecrets implements EncryptedSecretStore {

    private static final RowMapper<StoredSecret> STORED_SECRET = (rs, rowNumber) -> new StoredSecret(
            StoredWizardDrafts.bindingOf(rs.getString("id")), rs.getString("secrets_ciphertext"));

    private final JdbcTemplate jdbc;

    WizardDraftSecrets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "wizard draft secrets";
    }

    @Override
    public List<StoredSecret> all() {
        return jdbc.query("select id, secrets_ciphertext from wizard_draft where secrets_ciphertext is not null "
                + "order by id", STORED_SECRET);
    }

    @Override
    public Optional<StoredSecret> first() {
        return jdbc.query("select id, secrets_ciphertext from wizard_draft where secrets_ciphertext is not null "
                + "order by id limit 1", STORED_SECRET).stream().findFirst();
    }

    @Override
    public void replace(SecretBinding binding, String newCiphertext) {
        if (ours(binding)) {
            jdbc.update("update wizard_draft set secrets_ciphertext = ? where id = ? and secrets_ciphertext is not null",
                    newCiphertext, binding.rowId());
        }
    }

    /** Only while the draft still holds that very ciphertext: a save, a creation or a deletion meanwhile wins. */
    @Override
    public boolean replaceIfUnchanged(SecretBinding binding, String expectedCiphertext, String newCiphertext) {
        return ours(binding) && jdbc.update("update wizard_draft set secrets_ciphertext = ? "
                + "where id = ? and secrets_ciphertext = ?", newCiphertext, binding.rowId(), expectedCiphertext) == 1;
    }

    private static boolean ours(SecretBinding binding) {
        return StoredWizardDrafts.TABLE.equals(binding.table());
    }
}
