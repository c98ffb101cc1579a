package dev.pipedeck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Plants secrets of every kind in request summaries, before/after views, error texts and names, through every way
 * of recording, then scans every column of every row of the raw audit table for them.
 */
class AuditSecretsNeverStoredTest extends AuditIntegrationTest {

    private static final List<String> SECRETS = List.of(
            "Plain-Password-0451",
            "s3SecretKey/AbCdEf0123456789",
            "ClickHouseKeySecret_4b1d9e",
            "eyJ0eXBlIjoic2VydmljZV9hY2NvdW50IiwicHJpdmF0ZV9rZXkiOiJzZWNyZXQifQ==",
            "MIIEvgIBADANBgkqhkiG9w0BAQEFAASC",
            "AzureAccountKey+Zm9vYmFy==",
            "pg-conn-password-77",
            "schema-registry-pass-88",
            "tok_live_51HxYz",
            "known-only-by-value-99");

    @Autowired
    AuditLog audit;

    @Test
    void noPlantedSecretReachesTheAuditTable() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "orders");
        body.put("source", Map.of(
                "kafka", Map.of("credentials", Map.of("username", "svc", "password", SECRETS.get(0)),
                        "schemaRegistry", Map.of("url", "https://sr", "credentials",
                                Map.of("username", "sr", "password", SECRETS.get(7))),
                        "privateKey", "-----BEGIN PRIVATE KEY-----\n" + SECRETS.get(4) + "\n-----END PRIVATE KEY-----"),
                "objectStorage", Map.of("accessKey", Map.of("accessKeyId", "AKIA", "secretKey", SECRETS.get(1)),
                        "connectionString", "DefaultEndpointsProtocol=https;AccountKey=" + SECRETS.get(5)),
                "bigquery", Map.of("credentials", Map.of("serviceAccountFile", SECRETS.get(3))),
                "postgres", Map.of("host", "db", "password", SECRETS.get(6))));
        body.put("organization", Map.of("keyId", "kid", "keySecret", SECRETS.get(2)));
        body.put("auth", Map.of("token", SECRETS.get(8)));
        body.put("comment", "they pasted " + SECRETS.get(9) + " into a free-text field");

        AuditEntry entry = AuditEntry.of("pipe.create")
                .target(AuditTarget.pipe("org", "Acme", "svc", "main", "pipe-secrets", "orders"))
                .request(body)
                .change(Map.of("credentials", Map.of("password", SECRETS.get(0))),
                        Map.of("credentials", Map.of("password", SECRETS.get(6))))
                .secretValues(SECRETS.get(9), SECRETS.get(2))
                .error("upstream echoed " + SECRETS.get(9) + " and postgres://u:" + SECRETS.get(6) + "@h/db")
                .build();
        audit.record(entry);
        audit.recordIndependently(entry.toBuilder().invalid("rejected " + SECRETS.get(2)).build());
        audit.recordCall(entry, () -> "ok", e -> AuditResult.upstreamError(500, e.getMessage(), null));
        audit.record(AuditEntry.of("api.proxy").requestJson("{\"credentials\":{\"password\":\"" + SECRETS.get(0)
                + "\"},\"serviceAccountKey\":{\"serviceAccountFile\":\"" + SECRETS.get(3) + "\"}}").build());

        String table = rawAuditTable();
        for (String secret : SECRETS) {
            assertThat(table).as("the audit table holds %s", secret).doesNotContain(secret);
        }
        assertThat(table).contains("[redacted]").contains("AKIA").contains("kid");
    }

    private String rawAuditTable() {
        StringBuilder all = new StringBuilder();
        jdbc.query("select * from audit_record", rs -> {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                all.append(rs.getString(i)).append('\u001f');
            }
        });
        return all.toString();
    }
}
