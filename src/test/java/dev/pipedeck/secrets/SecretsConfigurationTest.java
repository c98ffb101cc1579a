package dev.pipedeck.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

@ExtendWith(OutputCaptureExtension.class)
class SecretsConfigurationTest {

    private static final String PLAINTEXT = "ck-api-secret-9d3b71e0aa";
    private static final SecretBinding ROW_7 = new SecretBinding("org_connection", 7);

    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(SecretsConfiguration.class)
                .withPropertyValues("pipedeck.data-dir=" + dataDir,
                        "spring.datasource.url=jdbc:h2:file:" + dataDir + "/pipedeck;MODE=PostgreSQL");
    }

    /** The {@link MasterKeyException} that stopped start-up, however Spring wrapped it. */
    private static MasterKeyException masterKeyFailure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        for (Throwable failure = context.getStartupFailure(); failure != null; failure = failure.getCause()) {
            if (failure instanceof MasterKeyException masterKeyException) {
                return masterKeyException;
            }
        }
        throw new AssertionError("start-up did not fail with a MasterKeyException", context.getStartupFailure());
    }

    private static String base64(MasterKeyset keyset) {
        return Base64.getEncoder().encodeToString(keyset.toJson().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void embeddedH2StartsWithAGeneratedKey() {
        runner().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SecretCipher.class).hasSingleBean(KeyRotation.class)
                    .doesNotHaveBean(ReencryptAndExitRunner.class);
            SecretCipher cipher = context.getBean(SecretCipher.class);
            assertThat(cipher.decrypt(cipher.encrypt(PLAINTEXT, ROW_7), ROW_7)).isEqualTo(PLAINTEXT);
            assertThat(cipher.keyset().source().origin()).isEqualTo(MasterKeySource.Origin.GENERATED_FILE);
        });
        assertThat(dataDir.resolve("master-key.json")).exists();
    }

    @Test
    void postgresqlWithoutAKeyDoesNotStart() {
        runner().withPropertyValues("spring.datasource.url=jdbc:postgresql://db:5432/pipedeck").run(context -> {
            assertThat(masterKeyFailure(context)).hasMessageContaining("Set PIPEDECK_MASTER_KEY")
                    .hasMessageContaining("PIPEDECK_MASTER_KEY_FILE");
        });
        assertThat(dataDir.resolve("master-key.json")).doesNotExist();
    }

    @Test
    void postgresqlWithAKeyStarts() {
        MasterKeyset keyset = MasterKeyset.generate(MasterKeySource.masterKey());
        runner().withPropertyValues("spring.datasource.url=jdbc:postgresql://db:5432/pipedeck",
                "pipedeck.master-key=" + base64(keyset)).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(SecretCipher.class).primaryKeyId()).isEqualTo(keyset.primaryKeyId());
                });
    }

    @Test
    void malformedKeyDoesNotStart() {
        runner().withPropertyValues("pipedeck.master-key=" + Base64.getEncoder().encodeToString("{}".getBytes()))
                .run(context -> {
                    assertThat(masterKeyFailure(context))
                            .hasMessageContaining("PIPEDECK_MASTER_KEY is not a valid Tink AEAD keyset");
                });
    }

    @Test
    void wrongKeyForTheStoredSecretsDoesNotStart(CapturedOutput output) {
        MasterKeyset original = MasterKeyset.generate(MasterKeySource.masterKey());
        InMemorySecretStore store = new InMemorySecretStore("organization API keys")
                .put(ROW_7, new SecretCipher(original).encrypt(PLAINTEXT, ROW_7));
        MasterKeyset other = MasterKeyset.generate(MasterKeySource.masterKey());

        runner().withBean(EncryptedSecretStore.class, () -> store)
                .withPropertyValues("pipedeck.master-key=" + base64(other)).run(context -> {
                    assertThat(masterKeyFailure(context))
                            .hasMessageStartingWith("The master key from PIPEDECK_MASTER_KEY cannot decrypt the stored "
                                    + "secrets (organization API keys, org_connection:7): was the key changed or lost?")
                            .hasMessageContaining("Restore the key that was in use")
                            .hasMessageNotContaining(PLAINTEXT);
                });
        assertThat(output).doesNotContain(PLAINTEXT).doesNotContain(KeyMaterial.of(other.toJson()))
                .doesNotContain(KeyMaterial.of(original.toJson()));
    }

    @Test
    void rightKeyForTheStoredSecretsStarts() {
        MasterKeyset original = MasterKeyset.generate(MasterKeySource.masterKey());
        InMemorySecretStore empty = new InMemorySecretStore("empty");
        InMemorySecretStore store = new InMemorySecretStore("organization API keys")
                .put(ROW_7, new SecretCipher(original).encrypt(PLAINTEXT, ROW_7));

        runner().withBean("empty", EncryptedSecretStore.class, () -> empty)
                .withBean("store", EncryptedSecretStore.class, () -> store)
                .withPropertyValues("pipedeck.master-key=" + base64(original))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void generatedKeyIsReusedAcrossRestartsSoStoredSecretsStillDecrypt() {
        InMemorySecretStore store = new InMemorySecretStore("organization API keys");
        runner().run(context -> store.put(ROW_7, context.getBean(SecretCipher.class).encrypt(PLAINTEXT, ROW_7)));

        runner().withBean(EncryptedSecretStore.class, () -> store).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SecretCipher.class).decrypt(store.get(ROW_7), ROW_7)).isEqualTo(PLAINTEXT);
        });
    }

    @Test
    void reencryptAndExitRunnerOnlyWhenAskedFor() {
        runner().withPropertyValues("pipedeck.secrets.reencrypt-and-exit=true")
                .run(context -> assertThat(context).hasSingleBean(ReencryptAndExitRunner.class));
        runner().withPropertyValues("pipedeck.secrets.reencrypt-and-exit=false")
                .run(context -> assertThat(context).doesNotHaveBean(ReencryptAndExitRunner.class));
    }

    @Test
    void failureAnalyzerExplainsMasterKeyProblems() {
        MasterKeyException problem = new MasterKeyException("No master key is set.", "Set PIPEDECK_MASTER_KEY.");

        FailureAnalysis analysis = new MasterKeyFailureAnalyzer()
                .analyze(new IllegalStateException("Error creating bean", problem));

        assertThat(analysis.getDescription()).isEqualTo("No master key is set.");
        assertThat(analysis.getAction()).isEqualTo("Set PIPEDECK_MASTER_KEY.");
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, null, FailureHandler.handleMessage((message, failure) -> { })))
                .hasAtLeastOneElementOfType(MasterKeyFailureAnalyzer.class);
    }

    @Test
    void secretsNeverReachTheLogs(CapturedOutput output) throws Exception {
        InMemorySecretStore store = new InMemorySecretStore("organization API keys");
        runner().withBean(EncryptedSecretStore.class, () -> store).run(context -> {
            SecretCipher cipher = context.getBean(SecretCipher.class);
            store.put(ROW_7, cipher.encrypt(PLAINTEXT, ROW_7));
            cipher.decrypt(store.get(ROW_7), ROW_7);
            context.getBean(KeyRotation.class).rotateGeneratedKeyFile();
            context.getBean(KeyRotation.class).reencryptAll();
        });
        String json = Files.readString(dataDir.resolve("master-key.json"));

        assertThat(output).contains("Generated a new master key", "Re-encrypted")
                .doesNotContain(PLAINTEXT)
                .doesNotContain(KeyMaterial.of(json))
                .doesNotContain(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }
}
