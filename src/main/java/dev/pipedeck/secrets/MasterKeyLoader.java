package dev.pipedeck.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master keyset: {@code PIPEDECK_MASTER_KEY}, else {@code PIPEDECK_MASTER_KEY_FILE}, else — with the
 * embedded H2 database only — {@code master-key.json} in the data dir, generated on first start. Any other database
 * is a shared deployment, whose key must come from the operator: start-up stops without one.
 */
final class MasterKeyLoader {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyLoader.class);

    private static final String SET_A_KEY = "Set PIPEDECK_MASTER_KEY to a Tink AEAD keyset in JSON format, "
            + "base64-encoded, or PIPEDECK_MASTER_KEY_FILE to the path of such a file (for example one made with "
            + "Tink's tinkey: create-keyset --key-template AES256_GCM --out-format json), and back it up: without it "
            + "the stored secrets cannot be decrypted.";

    private final MasterKeyProperties properties;
    private final String datasourceUrl;

    MasterKeyLoader(MasterKeyProperties properties, String datasourceUrl) {
        this.properties = properties;
        this.datasourceUrl = datasourceUrl;
    }

    MasterKeyset load() {
        MasterKeyset keyset;
        if (properties.hasMasterKey()) {
            if (properties.hasMasterKeyFile()) {
                log.warn("Both PIPEDECK_MASTER_KEY and PIPEDECK_MASTER_KEY_FILE are set; "
                        + "PIPEDECK_MASTER_KEY is used and PIPEDECK_MASTER_KEY_FILE is ignored.");
            }
            keyset = fromMasterKey(properties.masterKey());
        } else if (properties.hasMasterKeyFile()) {
            MasterKeyFile file = new MasterKeyFile(Path.of(properties.masterKeyFile()));
            MasterKeySource source = MasterKeySource.masterKeyFile(file.path());
            keyset = MasterKeyset.parse(file.read(source), source);
        } else {
            keyset = fromGeneratedFile(new MasterKeyFile(Path.of(properties.dataDir(), MasterKeyFile.GENERATED_NAME)));
        }
        log.info("Secrets at rest are encrypted with AES-256-GCM; master key from {}, primary key id {}, {} key(s).",
                keyset.source().description(), Integer.toUnsignedString(keyset.primaryKeyId()), keyset.keyCount());
        return keyset;
    }

    private static MasterKeyset fromMasterKey(String base64) {
        MasterKeySource source = MasterKeySource.masterKey();
        String compact = base64.replaceAll("\\s", "");
        byte[] json;
        try {
            json = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException("PIPEDECK_MASTER_KEY is not base64 text.", compact.startsWith("{")
                    ? "It looks like the JSON keyset itself: base64-encode it (base64 -w0 master-key.json) "
                            + "or put it in a file and set PIPEDECK_MASTER_KEY_FILE instead."
                    : "Set it to the Tink JSON keyset, base64-encoded (base64 -w0 master-key.json).");
        }
        return MasterKeyset.parse(new String(json, StandardCharsets.UTF_8), source);
    }

    private MasterKeyset fromGeneratedFile(MasterKeyFile file) {
        MasterKeySource source = MasterKeySource.generatedFile(file.path());
        if (!isEmbeddedH2()) {
            throw new MasterKeyException("No master key is set for the secrets Pipedeck stores. Pipedeck generates "
                    + "one only for its embedded H2 database; this database (" + databaseKind()
                    + ") may be shared, so the key must be given.", SET_A_KEY + (file.exists()
                            ? " To keep using the key generated earlier, set PIPEDECK_MASTER_KEY_FILE=" + file.path()
                                    + "."
                            : ""));
        }
        if (file.exists()) {
            warnIfReadableByOthers(file);
            return MasterKeyset.parse(file.read(source), source);
        }
        MasterKeyset generated = MasterKeyset.generate(source);
        try {
            file.write(generated.toJson());
        } catch (IOException e) {
            throw new MasterKeyException("Could not write the generated master key to " + file.path() + " ("
                    + e.getClass().getSimpleName() + ").", "Make the data dir (PIPEDECK_DATA_DIR) writable by the "
                            + "user running Pipedeck, or set PIPEDECK_MASTER_KEY or PIPEDECK_MASTER_KEY_FILE.");
        }
        log.warn("Generated a new master key for the secrets Pipedeck stores: {} (readable by its owner only). "
                + "Back this file up together with the database: without it the stored secrets cannot be decrypted. "
                + "For a shared deployment set PIPEDECK_MASTER_KEY or PIPEDECK_MASTER_KEY_FILE instead.", file.path());
        return generated;
    }

    private static void warnIfReadableByOthers(MasterKeyFile file) {
        try {
            if (!file.isOwnerOnly()) {
                log.warn("The master key file {} can be read or written by other users; restrict it to its owner "
                        + "(chmod 600).", file.path());
            }
        } catch (IOException e) {
            log.warn("Could not check the permissions of the master key file {}.", file.path());
        }
    }

    private boolean isEmbeddedH2() {
        return datasourceUrl != null && datasourceUrl.startsWith("jdbc:h2:");
    }

    /** Only the scheme, e.g. {@code jdbc:postgresql}: the rest of a JDBC URL may carry credentials. */
    private String databaseKind() {
        if (datasourceUrl == null || datasourceUrl.isBlank()) {
            return "no spring.datasource.url";
        }
        int second = datasourceUrl.indexOf(':', datasourceUrl.indexOf(':') + 1);
        return second > 0 ? datasourceUrl.substring(0, second) : "unrecognised spring.datasource.url";
    }
}
