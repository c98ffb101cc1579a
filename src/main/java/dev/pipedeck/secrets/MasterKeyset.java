package dev.pipedeck.secrets;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AeadKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * The Tink AEAD keyset that protects secrets at rest, and where it came from. The primary key encrypts; every key in
 * the keyset decrypts. Its {@link #toString()} shows key ids and the source, never key material.
 */
public final class MasterKeyset {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle handle;
    private final MasterKeySource source;
    private final Aead aead;
    private final byte[] primaryOutputPrefix;

    private MasterKeyset(KeysetHandle handle, MasterKeySource source) throws GeneralSecurityException {
        if (!(handle.getPrimary().getKey() instanceof AeadKey primaryKey)) {
            throw new GeneralSecurityException("primary key is not an AEAD key");
        }
        this.handle = handle;
        this.source = source;
        this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        this.primaryOutputPrefix = primaryKey.getOutputPrefix().toByteArray();
    }

    /** Parses Tink's JSON keyset format; a malformed or non-AEAD keyset is a {@link MasterKeyException}. */
    static MasterKeyset parse(String json, MasterKeySource source) {
        try {
            return new MasterKeyset(TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()), source);
        } catch (GeneralSecurityException | RuntimeException e) {
            // The cause is left out on purpose: parser messages may quote parts of the keyset.
            throw new MasterKeyException("The master key from " + source.description()
                    + " is not a valid Tink AEAD keyset in JSON format.",
                    "Provide the keyset that was in use, in Tink's JSON keyset format"
                            + (source.origin() == MasterKeySource.Origin.MASTER_KEY ? ", base64-encoded." : "."));
        }
    }

    /** A new keyset with one AES-256-GCM key. */
    static MasterKeyset generate(MasterKeySource source) {
        try {
            return new MasterKeyset(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), source);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate a master keyset", e);
        }
    }

    /** This keyset plus a new AES-256-GCM key that becomes primary; the old keys stay, to decrypt. */
    MasterKeyset withNewPrimary() {
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(handle)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
            return new MasterKeyset(rotated, source);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not add a key to the master keyset", e);
        }
    }

    /** Tink's JSON keyset format, key material included: write it only to an owner-only file. */
    String toJson() {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not serialize the master keyset", e);
        }
    }

    Aead aead() {
        return aead;
    }

    /** The Tink output prefix of the primary key (0x01 + 4-byte key id); empty for a RAW key. */
    byte[] primaryOutputPrefix() {
        return primaryOutputPrefix.clone();
    }

    public MasterKeySource source() {
        return source;
    }

    public int primaryKeyId() {
        return handle.getPrimary().getId();
    }

    public int keyCount() {
        return handle.size();
    }

    @Override
    public String toString() {
        return "MasterKeyset[source=" + source + ", primaryKeyId=" + Integer.toUnsignedString(primaryKeyId())
                + ", keys=" + keyCount() + "]";
    }
}
