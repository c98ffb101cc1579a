package dev.pipedeck.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class MasterKeyLoaderTest {

    private static final String H2 = "jdbc:h2:file:./data/pipedeck;MODE=PostgreSQL";
    private static final String POSTGRES = "jdbc:postgresql://db.internal:5432/pipedeck?password=hunter2";

    @TempDir
    Path dataDir;

    private MasterKeyset load(String masterKey, String masterKeyFile, String datasourceUrl) {
        return new MasterKeyLoader(new MasterKeyProperties(masterKey, masterKeyFile, dataDir.toString()),
                datasourceUrl).load();
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void generatesOwnerOnlyKeyFileOnceWithEmbeddedH2AndReusesIt(CapturedOutput output) throws IOException {
        Path keyFile = dataDir.resolve("master-key.json");

        MasterKeyset first = load(null, null, H2);

        assertThat(keyFile).exists();
        assertThat(first.source().origin()).isEqualTo(MasterKeySource.Origin.GENERATED_FILE);
        assertThat(first.source().file()).isEqualTo(keyFile.toAbsolutePath().normalize());
        assumeThat(dataDir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        String json = Files.readString(keyFile);
        assertThat(output)
                .contains("Generated a new master key", keyFile.toAbsolutePath().toString(), "Back this file up")
                .doesNotContain(KeyMaterial.of(json));
        try (var files = Files.list(dataDir)) {
            assertThat(files).containsExactly(keyFile);
        }

        MasterKeyset second = load(null, null, H2);

        assertThat(second.primaryKeyId()).isEqualTo(first.primaryKeyId());
        assertThat(Files.readString(keyFile)).isEqualTo(json);
        assertThat(output.toString().split("Generated a new master key", -1)).hasSize(2);
    }

    @Test
    void warnsWhenTheGeneratedFileIsReadableByOthers(CapturedOutput output) throws IOException {
        assumeThat(dataDir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        load(null, null, H2);
        Path keyFile = dataDir.resolve("master-key.json");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        load(null, null, H2);

        assertThat(output).contains("can be read or written by other users");
    }

    @Test
    void refusesToGenerateForPostgresql() {
        assertThatThrownBy(() -> load(null, null, POSTGRES))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("PIPEDECK_MASTER_KEY")
                .hasMessageContaining("PIPEDECK_MASTER_KEY_FILE")
                .hasMessageContaining("jdbc:postgresql")
                .hasMessageNotContaining("hunter2");
        assertThat(dataDir.resolve("master-key.json")).doesNotExist();
    }

    @Test
    void refusesToGenerateWithoutAnyDatasourceUrl() {
        assertThatThrownBy(() -> load(null, null, null)).isInstanceOf(MasterKeyException.class);
        assertThatThrownBy(() -> load("", " ", "jdbc:mysql://x/y")).isInstanceOf(MasterKeyException.class);
    }

    @Test
    void pointsPostgresqlAtAnEarlierGeneratedFile() {
        load(null, null, H2);

        assertThatThrownBy(() -> load(null, null, POSTGRES))
                .hasMessageContaining(
                        "PIPEDECK_MASTER_KEY_FILE=" + dataDir.resolve("master-key.json").toAbsolutePath());
    }

    @Test
    void masterKeyIsBase64Json() {
        MasterKeyset keyset = MasterKeyset.generate(MasterKeySource.masterKey());

        MasterKeyset loaded = load(base64(keyset.toJson()), null, POSTGRES);

        assertThat(loaded.primaryKeyId()).isEqualTo(keyset.primaryKeyId());
        assertThat(loaded.source().origin()).isEqualTo(MasterKeySource.Origin.MASTER_KEY);
        assertThat(dataDir.resolve("master-key.json")).doesNotExist();
    }

    @Test
    void masterKeyToleratesWrappedBase64() {
        MasterKeyset keyset = MasterKeyset.generate(MasterKeySource.masterKey());
        String wrapped = Base64.getMimeEncoder().encodeToString(keyset.toJson().getBytes(StandardCharsets.UTF_8));

        assertThat(wrapped).contains("\n");
        assertThat(load(wrapped + "\n", null, POSTGRES).primaryKeyId()).isEqualTo(keyset.primaryKeyId());
    }

    @Test
    void masterKeyFileIsJson(CapturedOutput output) throws IOException {
        MasterKeyset keyset = MasterKeyset.generate(MasterKeySource.masterKey());
        Path file = Files.writeString(dataDir.resolve("operator-key.json"), keyset.toJson());

        MasterKeyset loaded = load(null, file.toString(), POSTGRES);

        assertThat(loaded.primaryKeyId()).isEqualTo(keyset.primaryKeyId());
        assertThat(loaded.source().description()).isEqualTo("PIPEDECK_MASTER_KEY_FILE (" + file.toAbsolutePath() + ")");
        assertThat(output).contains("master key from PIPEDECK_MASTER_KEY_FILE").doesNotContain(
                KeyMaterial.of(keyset.toJson()));
    }

    @Test
    void masterKeyWinsOverMasterKeyFile(CapturedOutput output) {
        MasterKeyset keyset = MasterKeyset.generate(MasterKeySource.masterKey());

        MasterKeyset loaded = load(base64(keyset.toJson()), dataDir.resolve("missing.json").toString(), POSTGRES);

        assertThat(loaded.primaryKeyId()).isEqualTo(keyset.primaryKeyId());
        assertThat(output).contains("PIPEDECK_MASTER_KEY_FILE is ignored");
    }

    @Test
    void malformedMasterKeyStopsWithAClearMessage() {
        String json = MasterKeyset.generate(MasterKeySource.masterKey()).toJson();
        String keyMaterial = KeyMaterial.of(json);
        String truncated = json.substring(0, json.length() / 2);

        assertThatThrownBy(() -> load("not*base64", null, POSTGRES))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageStartingWith("PIPEDECK_MASTER_KEY is not base64 text.");
        assertThatThrownBy(() -> load(json, null, POSTGRES))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("looks like the JSON keyset itself")
                .hasMessageNotContaining(keyMaterial);
        assertThatThrownBy(() -> load(base64(truncated), null, POSTGRES))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageStartingWith(
                        "The master key from PIPEDECK_MASTER_KEY is not a valid Tink AEAD keyset in JSON format.")
                .hasMessageNotContaining(keyMaterial)
                .hasNoCause();
        assertThatThrownBy(() -> load(base64("{\"primaryKeyId\": 1, \"key\": []}"), null, POSTGRES))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("not a valid Tink AEAD keyset");
    }

    @Test
    void malformedOrMissingKeyFileStopsWithAClearMessage() throws IOException {
        Path missing = dataDir.resolve("missing.json");
        Path garbage = Files.writeString(dataDir.resolve("garbage.json"), "{\"hello\": ");

        assertThatThrownBy(() -> load(null, missing.toString(), POSTGRES))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining(
                        "Cannot read the master key from PIPEDECK_MASTER_KEY_FILE (" + missing.toAbsolutePath() + ")");
        assertThatThrownBy(() -> load(null, garbage.toString(), POSTGRES))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("is not a valid Tink AEAD keyset");
    }

    @Test
    void damagedGeneratedFileStopsInsteadOfBeingReplaced() throws IOException {
        Path keyFile = dataDir.resolve("master-key.json");
        Files.writeString(keyFile, "damaged");

        assertThatThrownBy(() -> load(null, null, H2))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageStartingWith("The master key from the generated key file " + keyFile.toAbsolutePath()
                        + " is not a valid");
        assertThat(Files.readString(keyFile)).isEqualTo("damaged");
    }

    @Test
    void propertiesToStringHidesTheKey() {
        String json = MasterKeyset.generate(MasterKeySource.masterKey()).toJson();
        String masterKey = base64(json);

        assertThat(new MasterKeyProperties(masterKey, null, "./data").toString())
                .doesNotContain(masterKey).contains("(set)");
    }
}
