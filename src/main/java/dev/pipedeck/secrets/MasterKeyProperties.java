package dev.pipedeck.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the master keyset comes from: {@code pipedeck.master-key} ({@code PIPEDECK_MASTER_KEY}, Tink's JSON keyset,
 * base64-encoded), else {@code pipedeck.master-key-file} ({@code PIPEDECK_MASTER_KEY_FILE}, a path to that JSON),
 * else, with the embedded H2 database only, {@code master-key.json} generated in {@code pipedeck.data-dir}.
 */
@ConfigurationProperties("pipedeck")
public record MasterKeyProperties(String masterKey, String masterKeyFile, @DefaultValue("./data") String dataDir) {

    boolean hasMasterKey() {
        return masterKey != null && !masterKey.isBlank();
    }

    boolean hasMasterKeyFile() {
        return masterKeyFile != null && !masterKeyFile.isBlank();
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "MasterKeyProperties[masterKey=" + (hasMasterKey() ? "(set)" : "(not set)") + ", masterKeyFile="
                + masterKeyFile + ", dataDir=" + dataDir + "]";
    }
}
