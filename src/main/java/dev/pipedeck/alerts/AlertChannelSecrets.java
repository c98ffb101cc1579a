package dev.pipedeck.alerts;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import dev.pipedeck.secrets.EncryptedSecretStore;
import dev.pipedeck.secrets.SecretBinding;
import dev.pipedeck.secrets.StoredSecret;

/** The webhook URLs and header values of alert channels, as the start-up key check and re-encryption see them. */
@Component
class AlertChannelSecrets implements EncryptedSecretStore {

    private static final RowMapper<StoredSecret> STORED_SECRET = (rs, rowNumber) -> new StoredSecret(
            AlertChannels.bindingOf(rs.getLong("id")), rs.getString("secret_ciphertext"));

    private final JdbcTemplate jdbc;

    AlertChannelSecrets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "alert channel webhooks";
    }

    @Override
    public List<StoredSecret> all() {
        return jdbc.query("select id, secret_ciphertext from alert_channel where secret_ciphertext is not null "
                + "order by id", STORED_SECRET);
    }

    @Override
    public Optional<StoredSecret> first() {
        return jdbc.query("select id, secret_ciphertext from alert_channel where secret_ciphertext is not null "
                + "order by id limit 1", STORED_SECRET).stream().findFirst();
    }

    @Override
    public void replace(SecretBinding binding, String newCiphertext) {
        if (ours(binding)) {
            jdbc.update("update alert_channel set secret_ciphertext = ? where id = ? and secret_ciphertext is not null",
                    newCiphertext, Long.parseLong(binding.rowId()));
        }
    }

    /** Only while the channel still holds that very ciphertext: a save or a deletion meanwhile wins. */
    @Override
    public boolean replaceIfUnchanged(SecretBinding binding, String expectedCiphertext, String newCiphertext) {
        return ours(binding) && jdbc.update("update alert_channel set secret_ciphertext = ? "
                + "where id = ? and secret_ciphertext = ?", newCiphertext, Long.parseLong(binding.rowId()),
                expectedCiphertext) == 1;
    }

    private static boolean ours(SecretBinding binding) {
        return AlertChannels.TABLE.equals(binding.table());
    }
}
