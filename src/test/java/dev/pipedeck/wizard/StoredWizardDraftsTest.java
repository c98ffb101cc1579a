package dev.pipedeck.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import dev.pipedeck.PipedeckApplication;
import dev.pipedeck.secrets.EncryptedSecretStore;
import dev.pipedeck.secrets.KeyRotation;
import dev.pipedeck.secrets.MasterKeyException;
import dev.pipedeck.secrets.SecretCipher;
import dev.pipedeck.secrets.SecretCipherException;
import dev.pipedeck.secrets.StoreReencryption;
import dev.pipedeck.secrets.StoredSecretsCheck;
import dev.pipedeck.testsupport.MutableClock;
import dev.pipedeck.wizard.WizardDraft.DraftStatus;

/**
 * Wizard drafts as their owner sees them: values and secrets survive a reload, secrets are never stored in plain
 * text and go when the pipe is created, one Create per draft however many clicks, other users see nothing, drafts
 * expire, and their secrets are bound to their row and take part in key rotation. The application runs with a
 * keyset of two keys, so the test can store a secret under the older one as a draft saved before a rotation would be.
 * {@link StoredWizardDraftsOnPostgresTest} runs the same tests on PostgreSQL.
 */
@SpringBootTest(classes = { PipedeckApplication.class, StoredWizardDraftsTest.DraftClock.class })
@ExtendWith(OutputCaptureExtension.class)
class StoredWizardDraftsTest {

    static final String OWNER = "alice";
    static final String OTHER = "mallory";
    static final String ORG = "8f0bd0f6-4d3c-4c41-9a53-6d3a1f4e2a10";
    static final String SERVICE = "2b1c7a10-93b2-4f0e-8a4e-0f6f1b2c3d4e";

    /** The key a rotation has since demoted: still in the keyset, no longer primary. */
    static final KeysetHandle OLD_KEY;
    /** The application's keyset: the old key plus a newer primary. */
    static final KeysetHandle ROTATED_KEYSET;

    static {
        try {
            AeadConfig.register();
            OLD_KEY = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            ROTATED_KEYSET = KeysetHandle.newBuilder(OLD_KEY)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestConfiguration
    static class DraftClock {
        @Bean
        @Primary
        MutableClock draftTestClock() {
            return new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
        }
    }

    @DynamicPropertySource
    static void masterKey(DynamicPropertyRegistry registry) {
        String keyset = base64Json(ROTATED_KEYSET);
        registry.add("pipedeck.master-key", () -> keyset);
    }

    @Autowired
    WizardDrafts drafts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    SecretCipher cipher;

    @Autowired
    KeyRotation keyRotation;

    @Autowired
    StoredSecretsCheck storedSecretsCheck;

    @Autowired
    List<EncryptedSecretStore> secretStores;

    @BeforeEach
    void noDraftsYet() {
        jdbc.update("delete from wizard_draft");
    }

    private WizardDraft newDraft(String owner) {
        return drafts.create(owner, ORG, SERVICE, "kafka", "confluent", Map.of("name", "orders", "topics", "t1"));
    }

    private static String planted() {
        return "PLANTED-" + UUID.randomUUID();
    }

    @Test
    void valuesAndSecretsSurviveAReloadAndABlankSecretKeepsTheStoredOne() {
        WizardDraft created = newDraft(OWNER);
        assertThat(created.status()).isEqualTo(DraftStatus.OPEN);
        assertThat(created.step()).isEqualTo(1);
        assertThat(created.expiresAt()).isEqualTo(created.createdAt().plus(Duration.ofHours(24)));

        String password = "pa\"ss word\\ with ünïcode and\nnewline";
        String serviceAccount = "{\"type\":\"service_account\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nabc\"}";
        WizardDraft saved = drafts.save(created.id(), OWNER, 2, Map.of("brokers", "b1:9092", "auth.username", "u"),
                Map.of("auth.password", password, "serviceAccountKey", serviceAccount));
        assertThat(saved.step()).isEqualTo(2);

        WizardDraft reloaded = drafts.find(created.id(), OWNER).orElseThrow();
        assertThat(reloaded.kind()).isEqualTo("kafka");
        assertThat(reloaded.type()).isEqualTo("confluent");
        assertThat(reloaded.organizationId()).isEqualTo(ORG);
        assertThat(reloaded.serviceId()).isEqualTo(SERVICE);
        assertThat(reloaded.step()).isEqualTo(2);
        assertThat(reloaded.createdAt()).isEqualTo(created.createdAt());
        assertThat(reloaded.values().values()).containsExactlyInAnyOrderEntriesOf(
                Map.of("name", "orders", "topics", "t1", "brokers", "b1:9092", "auth.username", "u"));
        assertThat(reloaded.values().secret("auth.password")).isEqualTo(password);
        assertThat(reloaded.values().secret("serviceAccountKey")).isEqualTo(serviceAccount);

        Map<String, String> changes = new HashMap<>();
        changes.put("topics", null);
        changes.put("brokers", "b2:9092");
        drafts.save(created.id(), OWNER, 3, changes, Map.of("auth.password", " ", "serviceAccountKey", ""));

        WizardDraft again = drafts.find(created.id(), OWNER).orElseThrow();
        assertThat(again.values().values()).doesNotContainKey("topics").containsEntry("brokers", "b2:9092");
        assertThat(again.values().secret("auth.password")).as("blank keeps the stored secret").isEqualTo(password);
        assertThat(again.values().secret("serviceAccountKey")).isEqualTo(serviceAccount);

        drafts.forgetSecret(created.id(), OWNER, "serviceAccountKey");
        WizardDraft forgotten = drafts.find(created.id(), OWNER).orElseThrow();
        assertThat(forgotten.values().hasSecret("serviceAccountKey")).isFalse();
        assertThat(forgotten.values().secret("auth.password")).isEqualTo(password);
    }

    @Test
    void aPlantedSecretIsInNoColumnNoTableAndNoLogInPlainText(CapturedOutput output) {
        String secret = planted();
        WizardDraft draft = newDraft(OWNER);
        Map<String, String> values = new HashMap<>();
        values.put("brokers", "b1:9092");
        // A form might post the secret field among the plain ones too: it must not end up in values_json.
        values.put("auth.password", secret);
        drafts.save(draft.id(), OWNER, 2, values, Map.of("auth.password", secret));

        WizardDraft loaded = drafts.find(draft.id(), OWNER).orElseThrow();
        assertThat(loaded.values().secret("auth.password")).isEqualTo(secret);
        assertThat(loaded.values().values()).doesNotContainKey("auth.password");
        assertThat(loaded.toString()).doesNotContain(secret);

        Map<String, Object> row = jdbc.queryForMap("select * from wizard_draft where id = ?", draft.id());
        assertThat(row.get("secrets_ciphertext")).isNotNull();
        row.forEach((column, value) -> assertThat(text(value)).as(column).doesNotContain(secret));

        List<String> tables = jdbc.queryForList("select table_name from information_schema.tables "
                + "where table_schema = current_schema and table_type = 'BASE TABLE'", String.class);
        assertThat(tables).contains("wizard_draft", "audit_record", "org_connection");
        for (String table : tables) {
            for (Map<String, Object> any : jdbc.queryForList("select * from " + table)) {
                any.forEach((column, value) -> assertThat(text(value)).as(table + "." + column).doesNotContain(secret));
            }
        }
        assertThat(output.getAll()).doesNotContain(secret);
    }

    @Test
    void anotherUserCannotFindSaveClaimCreateOrDiscardTheDraft() {
        String secret = planted();
        WizardDraft draft = newDraft(OWNER);
        drafts.save(draft.id(), OWNER, 2, Map.of(), Map.of("auth.password", secret));

        assertThat(drafts.find(draft.id(), OTHER)).isEmpty();
        assertThatThrownBy(() -> drafts.save(draft.id(), OTHER, 3, Map.of("name", "hijacked"), Map.of()))
                .isInstanceOf(WizardDraftNotFoundException.class);
        assertThatThrownBy(() -> drafts.forgetSecret(draft.id(), OTHER, "auth.password"))
                .isInstanceOf(WizardDraftNotFoundException.class);
        assertThat(drafts.claimForCreate(draft.id(), OTHER)).isFalse();
        drafts.markCreated(draft.id(), OTHER, "pipe-of-mallory");
        drafts.discard(draft.id(), OTHER);

        WizardDraft untouched = drafts.find(draft.id(), OWNER).orElseThrow();
        assertThat(untouched.status()).isEqualTo(DraftStatus.OPEN);
        assertThat(untouched.step()).isEqualTo(2);
        assertThat(untouched.values().get("name")).isEqualTo("orders");
        assertThat(untouched.values().secret("auth.password")).isEqualTo(secret);

        assertThat(drafts.claimForCreate(draft.id(), OWNER)).isTrue();
        drafts.releaseClaim(draft.id(), OTHER);
        assertThat(drafts.find(draft.id(), OWNER).orElseThrow().status()).isEqualTo(DraftStatus.CREATING);
    }

    @Test
    void twentyConcurrentClaimsLetExactlyOneCreateThrough() throws Exception {
        WizardDraft draft = newDraft(OWNER);
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                claims.add(pool.submit(() -> {
                    start.await();
                    return drafts.claimForCreate(draft.id(), OWNER);
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> claim : claims) {
                if (claim.get(30, TimeUnit.SECONDS)) {
                    won++;
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(drafts.find(draft.id(), OWNER).orElseThrow().status()).isEqualTo(DraftStatus.CREATING);
        assertThat(drafts.claimForCreate(draft.id(), OWNER)).isFalse();
        assertThatThrownBy(() -> drafts.save(draft.id(), OWNER, 2, Map.of("name", "changed"), Map.of()))
                .as("no change while the create is under way")
                .isInstanceOf(WizardDraftNotOpenException.class);
    }

    @Test
    void aFailedCreateReleasesTheClaimWithEverythingKept() {
        String secret = planted();
        WizardDraft draft = newDraft(OWNER);
        drafts.save(draft.id(), OWNER, 5, Map.of("brokers", "b1:9092"), Map.of("auth.password", secret));
        assertThat(drafts.claimForCreate(draft.id(), OWNER)).isTrue();

        drafts.releaseClaim(draft.id(), OWNER);

        WizardDraft open = drafts.find(draft.id(), OWNER).orElseThrow();
        assertThat(open.status()).isEqualTo(DraftStatus.OPEN);
        assertThat(open.step()).isEqualTo(5);
        assertThat(open.values().get("brokers")).isEqualTo("b1:9092");
        assertThat(open.values().secret("auth.password")).isEqualTo(secret);
        assertThat(drafts.claimForCreate(draft.id(), OWNER)).as("the user can retry").isTrue();
    }

    @Test
    void creatingThePipeDropsTheSecretsAndKeepsThePipeId() {
        WizardDraft draft = newDraft(OWNER);
        drafts.save(draft.id(), OWNER, 5, Map.of("brokers", "b1:9092"), Map.of("auth.password", planted()));
        assertThat(drafts.claimForCreate(draft.id(), OWNER)).isTrue();

        drafts.markCreated(draft.id(), OWNER, "pipe-123");

        WizardDraft created = drafts.find(draft.id(), OWNER).orElseThrow();
        assertThat(created.status()).isEqualTo(DraftStatus.CREATED);
        assertThat(created.createdPipeId()).isEqualTo("pipe-123");
        assertThat(created.values().secrets()).isEmpty();
        assertThat(created.values().get("brokers")).isEqualTo("b1:9092");
        assertThat(jdbc.queryForObject("select secrets_ciphertext from wizard_draft where id = ?", String.class,
                draft.id())).isNull();
        assertThat(drafts.claimForCreate(draft.id(), OWNER)).as("never a second create").isFalse();
        drafts.releaseClaim(draft.id(), OWNER);
        assertThat(drafts.find(draft.id(), OWNER).orElseThrow().status()).isEqualTo(DraftStatus.CREATED);
        assertThatThrownBy(() -> drafts.save(draft.id(), OWNER, 5, Map.of(), Map.of("auth.password", "again")))
                .isInstanceOf(WizardDraftNotOpenException.class);
    }

    @Test
    void discardingDeletesTheRowAndItsSecrets() {
        WizardDraft draft = newDraft(OWNER);
        drafts.save(draft.id(), OWNER, 2, Map.of(), Map.of("auth.password", planted()));

        drafts.discard(draft.id(), OWNER);

        assertThat(drafts.find(draft.id(), OWNER)).isEmpty();
        assertThat(rowCount(draft.id())).isZero();
        assertThatThrownBy(() -> drafts.save(draft.id(), OWNER, 2, Map.of(), Map.of()))
                .isInstanceOf(WizardDraftNotFoundException.class);
    }

    @Test
    void aDraftExpiresADayAfterItsLastSaveAndIsThenDeleted() {
        WizardDraft draft = newDraft(OWNER);
        clock.advance(Duration.ofHours(23));
        WizardDraft saved = drafts.save(draft.id(), OWNER, 2, Map.of(), Map.of("auth.password", planted()));
        assertThat(saved.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        clock.advance(Duration.ofHours(2));
        assertThat(drafts.find(draft.id(), OWNER)).as("a save extends the expiry").isPresent();
        assertThat(drafts.deleteExpired()).isZero();

        clock.advance(Duration.ofHours(22).plusSeconds(1));

        assertThat(drafts.find(draft.id(), OWNER)).isEmpty();
        assertThat(drafts.claimForCreate(draft.id(), OWNER)).isFalse();
        assertThatThrownBy(() -> drafts.save(draft.id(), OWNER, 3, Map.of(), Map.of()))
                .isInstanceOf(WizardDraftNotFoundException.class);
        assertThat(rowCount(draft.id())).as("still there until the cleanup").isOne();
        assertThat(drafts.deleteExpired()).isOne();
        assertThat(rowCount(draft.id())).isZero();
    }

    @Test
    void aCiphertextCopiedIntoAnotherDraftDoesNotDecrypt() {
        String secret = planted();
        WizardDraft alices = newDraft(OWNER);
        drafts.save(alices.id(), OWNER, 2, Map.of(), Map.of("auth.password", secret));
        WizardDraft mallorys = newDraft(OTHER);
        jdbc.update("update wizard_draft set secrets_ciphertext = "
                + "(select secrets_ciphertext from wizard_draft where id = ?) where id = ?", alices.id(), mallorys.id());

        assertThatThrownBy(() -> drafts.find(mallorys.id(), OTHER))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("wizard_draft:" + mallorys.id())
                .hasMessageNotContaining(secret);
        assertThat(drafts.find(alices.id(), OWNER).orElseThrow().values().secret("auth.password")).isEqualTo(secret);
    }

    @Test
    void reencryptionMovesDraftsSavedUnderTheOldKeyToThePrimaryKey() throws GeneralSecurityException {
        assertThat(secretStores).extracting(EncryptedSecretStore::name).contains("wizard draft secrets");
        WizardDraft current = newDraft(OWNER);
        drafts.save(current.id(), OWNER, 2, Map.of(), Map.of("auth.password", "under-primary"));
        WizardDraft older = newDraft(OWNER);
        String oldCiphertext = encryptWithOldKey("{\"auth.password\":\"under-old-key\"}", older.id());
        jdbc.update("update wizard_draft set secrets_ciphertext = ? where id = ?", oldCiphertext, older.id());
        assertThat(cipher.isUnderPrimaryKey(oldCiphertext)).isFalse();
        assertThat(drafts.find(older.id(), OWNER).orElseThrow().values().secret("auth.password"))
                .isEqualTo("under-old-key");
        Map<String, Object> before = jdbc.queryForMap("select updated_at, expires_at from wizard_draft where id = ?",
                older.id());

        List<StoreReencryption> results = keyRotation.reencryptAll();

        assertThat(results).contains(new StoreReencryption("wizard draft secrets", 1, 1, 0));
        String reencrypted = jdbc.queryForObject("select secrets_ciphertext from wizard_draft where id = ?",
                String.class, older.id());
        assertThat(cipher.isUnderPrimaryKey(reencrypted)).isTrue();
        assertThat(drafts.find(older.id(), OWNER).orElseThrow().values().secret("auth.password"))
                .isEqualTo("under-old-key");
        assertThat(drafts.find(current.id(), OWNER).orElseThrow().values().secret("auth.password"))
                .isEqualTo("under-primary");
        assertThat(jdbc.queryForMap("select updated_at, expires_at from wizard_draft where id = ?", older.id()))
                .as("re-encryption is not a save").isEqualTo(before);
        storedSecretsCheck.check();
    }

    @Test
    void theStartUpKeyCheckRefusesADraftSecretTheKeyCannotDecrypt() throws GeneralSecurityException {
        WizardDraft draft = newDraft(OWNER);
        KeysetHandle unknownKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        String foreign = Base64.getEncoder().encodeToString(unknownKey
                .getPrimitive(RegistryConfiguration.get(), Aead.class)
                .encrypt("{}".getBytes(StandardCharsets.UTF_8), ("wizard_draft:" + draft.id())
                        .getBytes(StandardCharsets.UTF_8)));
        jdbc.update("update wizard_draft set secrets_ciphertext = ? where id = ?", foreign, draft.id());

        assertThatThrownBy(() -> storedSecretsCheck.check())
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("wizard draft secrets");

        drafts.discard(draft.id(), OWNER);
        storedSecretsCheck.check();
    }

    private static String encryptWithOldKey(String plaintext, String draftId) throws GeneralSecurityException {
        byte[] ciphertext = OLD_KEY.getPrimitive(RegistryConfiguration.get(), Aead.class).encrypt(
                plaintext.getBytes(StandardCharsets.UTF_8),
                ("wizard_draft:" + draftId).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ciphertext);
    }

    private int rowCount(String id) {
        return jdbc.queryForObject("select count(*) from wizard_draft where id = ?", Integer.class, id);
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }

    private static String base64Json(KeysetHandle keyset) {
        try {
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
            return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
