package dev.pipedeck.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRotationTest {

    private static final String H2 = "jdbc:h2:file:./data/pipedeck";
    private static final Map<SecretBinding, String> PLAINTEXTS = Map.of(
            new SecretBinding("org_connection", 1), "secret-one",
            new SecretBinding("org_connection", 2), "secret-two",
            new SecretBinding("org_connection", 3), "secret-three");

    @TempDir
    Path dataDir;

    /** What a start of the application does: load (or generate) the key file. */
    private SecretCipher start() {
        MasterKeyProperties properties = new MasterKeyProperties(null, null, dataDir.toString());
        return new SecretCipher(new MasterKeyLoader(properties, H2).load());
    }

    private static InMemorySecretStore storeWith(SecretCipher cipher) {
        InMemorySecretStore store = new InMemorySecretStore("organization API keys");
        PLAINTEXTS.forEach((binding, plaintext) -> store.put(binding, cipher.encrypt(plaintext, binding)));
        return store;
    }

    @Test
    void rotateThenRestartThenReencryptMovesEveryRowToTheNewPrimary() throws IOException {
        SecretCipher before = start();
        InMemorySecretStore store = storeWith(before);

        KeyFileRotation rotation = new KeyRotation(before, InMemorySecretStore.providerOf(store))
                .rotateGeneratedKeyFile();

        assertThat(rotation.previousPrimaryKeyId()).isEqualTo(before.primaryKeyId());
        assertThat(rotation.newPrimaryKeyId()).isNotEqualTo(before.primaryKeyId());
        assertThat(rotation.keyCount()).isEqualTo(2);
        assertThat(rotation.message()).contains("Restart Pipedeck");
        assertThat(before.primaryKeyId()).as("the running cipher keeps its key until restart")
                .isEqualTo(rotation.previousPrimaryKeyId());

        SecretCipher after = start();

        assertThat(after.primaryKeyId()).isEqualTo(rotation.newPrimaryKeyId());
        assertThat(after.keyset().keyCount()).isEqualTo(2);
        store.all().forEach(secret -> assertThat(after.isUnderPrimaryKey(secret.ciphertext())).isFalse());
        PLAINTEXTS.forEach((binding, plaintext) -> assertThat(after.decrypt(store.get(binding), binding))
                .isEqualTo(plaintext));

        KeyRotation rotationAfterRestart = new KeyRotation(after, InMemorySecretStore.providerOf(store));
        assertThat(rotationAfterRestart.reencryptAll())
                .containsExactly(new StoreReencryption("organization API keys", 3, 0, 0));

        store.all().forEach(secret -> assertThat(after.isUnderPrimaryKey(secret.ciphertext())).isTrue());
        PLAINTEXTS.forEach((binding, plaintext) -> assertThat(after.decrypt(store.get(binding), binding))
                .isEqualTo(plaintext));
        assertThat(rotationAfterRestart.reencryptAll())
                .containsExactly(new StoreReencryption("organization API keys", 0, 3, 0));
    }

    @Test
    void rotatedFileStaysOwnerOnlyAndLeavesNoTempFile() throws IOException {
        SecretCipher cipher = start();
        Path keyFile = dataDir.resolve("master-key.json");

        new KeyRotation(cipher, InMemorySecretStore.providerOf()).rotateGeneratedKeyFile();

        try (var files = Files.list(dataDir)) {
            assertThat(files).containsExactly(keyFile);
        }
        assumeThat(dataDir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }

    @Test
    void rotatingTwiceWithoutRestartKeepsEveryKey() {
        SecretCipher cipher = start();
        KeyRotation rotation = new KeyRotation(cipher, InMemorySecretStore.providerOf());

        rotation.rotateGeneratedKeyFile();
        KeyFileRotation second = rotation.rotateGeneratedKeyFile();

        assertThat(second.keyCount()).isEqualTo(3);
        assertThat(start().primaryKeyId()).isEqualTo(second.newPrimaryKeyId());
    }

    @Test
    void refusesToRotateAKeyGivenByTheOperator() {
        SecretCipher cipher = new SecretCipher(MasterKeyset.generate(MasterKeySource.masterKey()));

        assertThatThrownBy(() -> new KeyRotation(cipher, InMemorySecretStore.providerOf()).rotateGeneratedKeyFile())
                .isInstanceOf(KeyRotationException.class)
                .hasMessageContaining("comes from PIPEDECK_MASTER_KEY");
    }

    @Test
    void reencryptsEveryStoreAndCountsEach() {
        SecretCipher old = new SecretCipher(MasterKeyset.generate(MasterKeySource.masterKey()));
        SecretCipher current = new SecretCipher(old.keyset().withNewPrimary());
        InMemorySecretStore oldRows = storeWith(old);
        SecretBinding first = new SecretBinding("source_credential", 1);
        SecretBinding second = new SecretBinding("source_credential", 2);
        InMemorySecretStore mixed = new InMemorySecretStore("source credentials")
                .put(first, old.encrypt("a", first))
                .put(second, current.encrypt("b", second));

        List<StoreReencryption> results = new KeyRotation(current, InMemorySecretStore.providerOf(oldRows, mixed))
                .reencryptAll();

        assertThat(results).containsExactly(new StoreReencryption("organization API keys", 3, 0, 0),
                new StoreReencryption("source credentials", 1, 1, 0));
        assertThat(current.decrypt(mixed.get(first), first)).isEqualTo("a");
        assertThat(current.decrypt(mixed.get(second), second)).isEqualTo("b");
    }

    @Test
    void leavesRowsThatChangedMeanwhile() {
        SecretCipher old = new SecretCipher(MasterKeyset.generate(MasterKeySource.masterKey()));
        SecretCipher current = new SecretCipher(old.keyset().withNewPrimary());
        SecretBinding row = new SecretBinding("org_connection", 1);
        String savedMeanwhile = current.encrypt("new value", row);
        InMemorySecretStore store = new InMemorySecretStore("organization API keys") {
            @Override
            public boolean replaceIfUnchanged(SecretBinding binding, String expected, String newCiphertext) {
                put(binding, savedMeanwhile);
                return super.replaceIfUnchanged(binding, expected, newCiphertext);
            }
        }.put(row, old.encrypt("old value", row));

        assertThat(new KeyRotation(current, InMemorySecretStore.providerOf(store)).reencryptAll())
                .containsExactly(new StoreReencryption("organization API keys", 0, 0, 1));
        assertThat(current.decrypt(store.get(row), row)).isEqualTo("new value");
    }

    @Test
    void stopsOnASecretNoKeyDecrypts() {
        SecretCipher current = new SecretCipher(MasterKeyset.generate(MasterKeySource.masterKey()));
        SecretCipher stranger = new SecretCipher(MasterKeyset.generate(MasterKeySource.masterKey()));
        InMemorySecretStore store = storeWith(stranger);

        assertThatThrownBy(() -> new KeyRotation(current, InMemorySecretStore.providerOf(store)).reencryptAll())
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("org_connection:");
    }
}
