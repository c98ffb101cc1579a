package dev.pipedeck.wizard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pipedeck.secrets.SecretBinding;
import dev.pipedeck.secrets.SecretCipher;
import dev.pipedeck.wizard.WizardDraft.DraftStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drafts in the {@code wizard_draft} table. Plain values are a JSON object in {@code values_json}; the secrets are one
 * ciphertext of a JSON object of them all, bound to the row, decrypted only when a draft is loaded. Every statement
 * names the owner, so another user's draft is as good as absent. Nothing here logs a value or a secret.
 */
@Component
class StoredWizardDrafts implements WizardDrafts {

    static final String TABLE = "wizard_draft";

    private static final String COLUMNS = "id, owner, organization_id, service_id, source_kind, source_type, step, "
            + "values_json, secrets_ciphertext, status, created_pipe_id, created_at, updated_at, expires_at";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;
    private final WizardProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;

    StoredWizardDrafts(JdbcTemplate jdbc, SecretCipher cipher, WizardProperties properties, Clock clock,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    static SecretBinding bindingOf(String draftId) {
        return new SecretBinding(TABLE, draftId);
    }

    @Override
    public WizardDraft create(String owner, String organizationId, String serviceId, String kind, String type,
            Map<String, String> prefill) {
        requireText(owner, "owner");
        requireText(organizationId, "organizationId");
        requireText(serviceId, "serviceId");
        requireText(kind, "kind");
        String id = UUID.randomUUID().toString();
        Instant now = now();
        Instant expiresAt = now.plus(properties.draftTtl());
        Map<String, String> values = new TreeMap<>();
        if (prefill != null) {
            prefill.forEach((name, value) -> {
                if (name != null && value != null) {
                    values.put(name, value);
                }
            });
        }
        jdbc.update("insert into wizard_draft (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, owner, organizationId, serviceId, kind, type, 1, toJson(values), null, DraftStatus.OPEN.name(),
                null, utc(now), utc(now), utc(expiresAt));
        return new WizardDraft(id, owner, organizationId, serviceId, kind, type, 1,
                new WizardValues(values, Map.of()), DraftStatus.OPEN, null, now, now, expiresAt);
    }

    @Override
    public Optional<WizardDraft> find(String id, String owner) {
        if (id == null || owner == null) {
            return Optional.empty();
        }
        return jdbc.query("select " + COLUMNS + " from wizard_draft where id = ? and owner = ? and expires_at > ?",
                StoredRow::read, id, owner, utc(now())).stream().findFirst().map(this::toDraft);
    }

    @Override
    public WizardDraft save(String id, String owner, int step, Map<String, String> values,
            Map<String, String> secrets) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be 1 or more");
        }
        Map<String, String> valueChanges = values == null ? Map.of() : values;
        Map<String, String> secretChanges = new TreeMap<>();
        if (secrets != null) {
            secrets.forEach((name, secret) -> {
                if (secret != null && !secret.isBlank()) {
                    secretChanges.put(name, secret);
                }
            });
        }
        return transaction.execute(status -> {
            StoredRow row = lockOpen(id, owner);
            WizardValues merged = valuesOf(row).with(valueChanges, secretChanges);
            // A field sent as a secret is a secret field: its name never keeps a plain value, whatever the caller sent.
            Map<String, String> plain = new TreeMap<>(merged.values());
            if (secrets != null) {
                plain.keySet().removeAll(secrets.keySet());
            }
            plain.keySet().removeAll(merged.secrets().keySet());
            return write(row, step, new WizardValues(plain, merged.secrets()));
        });
    }

    @Override
    public WizardDraft forgetSecret(String id, String owner, String name) {
        return transaction.execute(status -> {
            StoredRow row = lockOpen(id, owner);
            WizardValues current = valuesOf(row);
            Map<String, String> secrets = new TreeMap<>(current.secrets());
            secrets.remove(name);
            return write(row, row.step(), new WizardValues(current.values(), secrets));
        });
    }

    @Override
    public boolean claimForCreate(String id, String owner) {
        Instant now = now();
        return jdbc.update("update wizard_draft set status = 'CREATING', updated_at = ? "
                + "where id = ? and owner = ? and status = 'OPEN' and expires_at > ?",
                utc(now), id, owner, utc(now)) == 1;
    }

    @Override
    public void releaseClaim(String id, String owner) {
        Instant now = now();
        jdbc.update("update wizard_draft set status = 'OPEN', updated_at = ?, expires_at = ? "
                + "where id = ? and owner = ? and status = 'CREATING' and expires_at > ?",
                utc(now), utc(now.plus(properties.draftTtl())), id, owner, utc(now));
    }

    @Override
    public void markCreated(String id, String owner, String pipeId) {
        requireText(pipeId, "pipeId");
        jdbc.update("update wizard_draft set status = 'CREATED', created_pipe_id = ?, secrets_ciphertext = null, "
                + "updated_at = ? where id = ? and owner = ? and status in ('OPEN', 'CREATING')",
                pipeId, utc(now()), id, owner);
    }

    @Override
    public void discard(String id, String owner) {
        jdbc.update("delete from wizard_draft where id = ? and owner = ?", id, owner);
    }

    @Override
    public int deleteExpired() {
        return jdbc.update("delete from wizard_draft where expires_at <= ?", utc(now()));
    }

    /** The owner's unexpired draft, locked until the transaction ends, if it is still OPEN. */
    private StoredRow lockOpen(String id, String owner) {
        StoredRow row = jdbc.query("select " + COLUMNS + " from wizard_draft "
                + "where id = ? and owner = ? and expires_at > ? for update",
                StoredRow::read, id, owner, utc(now())).stream().findFirst()
                .orElseThrow(() -> new WizardDraftNotFoundException(id));
        if (row.status() != DraftStatus.OPEN) {
            throw new WizardDraftNotOpenException(id, row.status());
        }
        return row;
    }

    private WizardDraft write(StoredRow row, int step, WizardValues values) {
        Instant now = now();
        Instant expiresAt = now.plus(properties.draftTtl());
        jdbc.update("update wizard_draft set step = ?, values_json = ?, secrets_ciphertext = ?, updated_at = ?, "
                + "expires_at = ? where id = ?",
                step, toJson(values.values()), encrypt(row.id(), values.secrets()), utc(now), utc(expiresAt),
                row.id());
        return new WizardDraft(row.id(), row.owner(), row.organizationId(), row.serviceId(), row.kind(), row.type(),
                step, values, row.status(), row.createdPipeId(), row.createdAt(), now, expiresAt);
    }

    private WizardDraft toDraft(StoredRow row) {
        return new WizardDraft(row.id(), row.owner(), row.organizationId(), row.serviceId(), row.kind(), row.type(),
                row.step(), valuesOf(row), row.status(), row.createdPipeId(), row.createdAt(), row.updatedAt(),
                row.expiresAt());
    }

    private WizardValues valuesOf(StoredRow row) {
        Map<String, String> secrets = row.secretsCiphertext() == null ? Map.of()
                : fromJson(cipher.decrypt(row.secretsCiphertext(), bindingOf(row.id())), row.id());
        return new WizardValues(fromJson(row.valuesJson(), row.id()), secrets);
    }

    private String encrypt(String id, Map<String, String> secrets) {
        return secrets.isEmpty() ? null : cipher.encrypt(toJson(secrets), bindingOf(id));
    }

    private static String toJson(Map<String, String> values) {
        return JSON.writeValueAsString(new TreeMap<>(values));
    }

    /** Never passes the parser's message on: it may quote the text, which may be the decrypted secrets. */
    private static Map<String, String> fromJson(String json, String id) {
        try {
            Map<String, String> parsed = JSON.readValue(json, STRING_MAP);
            return parsed == null ? Map.of() : parsed;
        } catch (JacksonException e) {
            throw new IllegalStateException("Wizard draft " + id + " holds values that are not a JSON object of "
                    + "strings");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** One row as stored: the secrets still encrypted. */
    private record StoredRow(String id, String owner, String organizationId, String serviceId, String kind,
            String type, int step, String valuesJson, String secretsCiphertext, DraftStatus status,
            String createdPipeId, Instant createdAt, Instant updatedAt, Instant expiresAt) {

        static StoredRow read(ResultSet rs, int rowNumber) throws SQLException {
            return new StoredRow(rs.getString("id"), rs.getString("owner"), rs.getString("organization_id"),
                    rs.getString("service_id"), rs.getString("source_kind"), rs.getString("source_type"),
                    rs.getInt("step"), rs.getString("values_json"), rs.getString("secrets_ciphertext"),
                    DraftStatus.valueOf(rs.getString("status")), rs.getString("created_pipe_id"),
                    instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "expires_at"));
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }

        /** Names the row only. */
        @Override
        public String toString() {
            return "StoredRow[" + id + ", " + status + "]";
        }
    }
}
