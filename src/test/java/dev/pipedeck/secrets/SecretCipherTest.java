package dev.pipedeck.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String PLAINTEXT = "ck-api-secret-4f1e9a7c0b2d";
    private static final SecretBinding ROW_42 = new SecretBinding("org_connection", 42);

    private final MasterKeyset keyset = MasterKeyset.generate(MasterKeySource.masterKey());
    private final SecretCipher cipher = new SecretCipher(keyset);

    @Test
    void roundTrip() {
        String ciphertext = cipher.encrypt(PLAINTEXT, ROW_42);

        assertThat(cipher.decrypt(ciphertext, ROW_42)).isEqualTo(PLAINTEXT);
        assertThat(cipher.decrypt(cipher.encrypt("", ROW_42), ROW_42)).isEmpty();
        assertThat(cipher.decrypt(cipher.encrypt("ünïcødé ✓", ROW_42), ROW_42)).isEqualTo("ünïcødé ✓");
    }

    @Test
    void ciphertextIsBase64WithoutThePlaintextAndFreshEachTime() {
        String first = cipher.encrypt(PLAINTEXT, ROW_42);
        String second = cipher.encrypt(PLAINTEXT, ROW_42);

        byte[] decoded = Base64.getDecoder().decode(first);
        assertThat(new String(decoded, StandardCharsets.ISO_8859_1)).doesNotContain(PLAINTEXT);
        assertThat(first).doesNotContain(PLAINTEXT)
                .doesNotContain(Base64.getEncoder().encodeToString(PLAINTEXT.getBytes(StandardCharsets.UTF_8)));
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void ciphertextIsBoundToItsRow() {
        String ciphertext = cipher.encrypt(PLAINTEXT, ROW_42);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, new SecretBinding("org_connection", 43)))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("org_connection:43")
                .hasMessageNotContaining(PLAINTEXT);
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, new SecretBinding("source_credential", 42)))
                .isInstanceOf(SecretCipherException.class);
    }

    @Test
    void anotherKeysetCannotDecrypt() {
        String ciphertext = cipher.encrypt(PLAINTEXT, ROW_42);
        SecretCipher other = new SecretCipher(MasterKeyset.generate(MasterKeySource.masterKey()));

        assertThatThrownBy(() -> other.decrypt(ciphertext, ROW_42))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageNotContaining(PLAINTEXT);
    }

    @Test
    void damagedCiphertextFails() {
        byte[] bytes = Base64.getDecoder().decode(cipher.encrypt(PLAINTEXT, ROW_42));
        bytes[bytes.length - 1] ^= 1;
        String damaged = Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> cipher.decrypt(damaged, ROW_42)).isInstanceOf(SecretCipherException.class);
        assertThatThrownBy(() -> cipher.decrypt("not base64 !", ROW_42))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("not base64");
    }

    @Test
    void ciphertextStartsWithTinkPrefixOfThePrimaryKey() {
        byte[] decoded = Base64.getDecoder().decode(cipher.encrypt(PLAINTEXT, ROW_42));

        assertThat(decoded[0]).isEqualTo((byte) 0x01);
        int keyId = ((decoded[1] & 0xff) << 24) | ((decoded[2] & 0xff) << 16) | ((decoded[3] & 0xff) << 8)
                | (decoded[4] & 0xff);
        assertThat(keyId).isEqualTo(cipher.primaryKeyId());
    }

    @Test
    void keysetWithTwoKeysDecryptsBothAndEncryptsWithTheNewPrimary() {
        String underOld = cipher.encrypt(PLAINTEXT, ROW_42);
        SecretCipher rotated = new SecretCipher(keyset.withNewPrimary());

        assertThat(rotated.keyset().keyCount()).isEqualTo(2);
        assertThat(rotated.primaryKeyId()).isNotEqualTo(cipher.primaryKeyId());
        String underNew = rotated.encrypt(PLAINTEXT, ROW_42);

        assertThat(rotated.decrypt(underOld, ROW_42)).isEqualTo(PLAINTEXT);
        assertThat(rotated.decrypt(underNew, ROW_42)).isEqualTo(PLAINTEXT);
        assertThat(rotated.isUnderPrimaryKey(underNew)).isTrue();
        assertThat(rotated.isUnderPrimaryKey(underOld)).isFalse();
        assertThat(cipher.isUnderPrimaryKey(underOld)).isTrue();
        assertThatThrownBy(() -> cipher.decrypt(underNew, ROW_42)).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void isUnderPrimaryKeyToleratesGarbage() {
        assertThat(cipher.isUnderPrimaryKey(null)).isFalse();
        assertThat(cipher.isUnderPrimaryKey("%%%")).isFalse();
        assertThat(cipher.isUnderPrimaryKey("")).isFalse();
    }

    @Test
    void keysetSurvivesJsonRoundTrip() {
        String ciphertext = cipher.encrypt(PLAINTEXT, ROW_42);
        MasterKeyset reread = MasterKeyset.parse(keyset.toJson(), MasterKeySource.masterKey());

        assertThat(reread.primaryKeyId()).isEqualTo(keyset.primaryKeyId());
        assertThat(new SecretCipher(reread).decrypt(ciphertext, ROW_42)).isEqualTo(PLAINTEXT);
    }

    @Test
    void toStringsShowNoSecrets() {
        String keyMaterial = KeyMaterial.of(keyset.toJson());
        String ciphertext = cipher.encrypt(PLAINTEXT, ROW_42);

        assertThat(cipher.toString()).doesNotContain(keyMaterial).contains("primaryKeyId");
        assertThat(keyset.toString()).doesNotContain(keyMaterial);
        assertThat(new StoredSecret(ROW_42, ciphertext).toString()).doesNotContain(ciphertext).contains("42");
    }
}
