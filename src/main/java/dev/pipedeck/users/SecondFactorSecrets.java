package dev.pipedeck.users;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import dev.pipedeck.secrets.EncryptedSecretStore;
import dev.pipedeck.secrets.SecretBinding;
import dev.pipedeck.secrets.StoredSecret;

/**
 * The TOTP secrets of second factors (enrolled or being set up), as the start-up key check and master-key
 * re-encryption see them.
 */
@Component
class SecondFactorSecrets implements EncryptedSecretStore {

    private static final RowMapper<StoredSecret> STORED_SECRET = (rs, rowNumber) -> new StoredSecret(
            SecondFactor.bindingOf(rs.getLong("account_id")), rs.getString("secret_ciphertext"));

    private final JdbcTemplate jdbc;

    SecondFactorSecrets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "two-step sign-in secrets";
    }

    @Override
    public List<StoredSecret> all() {
        return jdbc.query("select account_id, secret_ciphertext from account_second_factor order by account_id",
                STORED_SECRET);
    }

    @Override
    public Optional<StoredSecret> first() {
        return jdbc.query("select account_id, secret_ciphertext from account_second_factor order by account_id "
                + "limit 1", STORED_SECRET).stream().findFirst();
    }

    @Override
    public void replace(SecretBinding binding, String newCiphertext) {
        if (ours(binding)) {
            jdbc.update("update account_second_factor set secret_ciphertext = ? where account_id = ?", newCiphertext,
                    Long.parseLong(binding.rowId()));
        }
    }

    /** Only while the row still holds that very ciphertext: a new enrolment or a reset meanwhile wins. */
    @Override
    public boolean replaceIfUnchanged(SecretBinding binding, String expectedCiphertext, String newCiphertext) {
        return ours(binding) && jdbc.update("update account_second_factor set secret_ciphertext = ? "
                + "where account_id = ? and secret_ciphertext = ?", newCiphertext, Long.parseLong(binding.rowId()),
                expectedCiphertext) == 1;
    }

    private static boolean ours(SecretBinding binding) {
        return SecondFactor.SECRET_TABLE.equals(binding.table());
    }
}
