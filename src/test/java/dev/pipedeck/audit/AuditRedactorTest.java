package dev.pipedeck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditRedactorTest {

    @ParameterizedTest
    @ValueSource(strings = {"password", "PASSWORD", "secret", "secretKey", "secret_key", "keySecret", "key-secret",
            "serviceAccountKey", "serviceAccountFile", "connectionString", "privateKey", "private_key", "token",
            "accessToken", "apiKey", "newPassword", "saslPassword", "sasl.jaas.config", "key", "authorization"})
    void secretFieldNamesAreRecognizedWhateverTheirCase(String name) {
        assertThat(AuditRedactor.isSecretName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "keyId", "accessKeyId", "name", "replicas", "topic", "bootstrap", "role"})
    void ordinaryFieldNamesAreKept(String name) {
        assertThat(AuditRedactor.isSecretName(name)).isFalse();
    }

    @Test
    void redactsSecretFieldsAtAnyDepthAndInArrays() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "orders");
        body.put("source", Map.of("kafka", Map.of(
                "credentials", Map.of("username", "bob", "password", "pw-kafka-1"),
                "accessKey", Map.of("accessKeyId", "AKIA123", "secretKey", "s3-secret-2"))));
        body.put("pubsub", Map.of("serviceAccountKey", Map.of("serviceAccountFile", "eyJwcml2YXRlIjoidmFsdWUifQ==")));
        body.put("tables", List.of(Map.of("Token", "t-3"), Map.of("table", "t1")));
        body.put("nested", Map.of("ConnectionString", Map.of("anything", "inside")));

        String json = AuditRedactor.redactedJson(body, Set.of());

        assertThat(json).doesNotContain("pw-kafka-1", "s3-secret-2", "eyJwcml2YXRlIjoidmFsdWUifQ==", "t-3", "inside")
                .contains("\"username\":\"bob\"", "\"accessKeyId\":\"AKIA123\"", "\"table\":\"t1\"",
                        "\"password\":\"[redacted]\"", "\"secretKey\":\"[redacted]\"",
                        "\"serviceAccountKey\":\"[redacted]\"", "\"Token\":\"[redacted]\"",
                        "\"ConnectionString\":\"[redacted]\"");
    }

    @Test
    void scrubsKnownSecretValuesAndSecretLookingTextWherever() {
        Map<String, Object> body = Map.of(
                "note", "the key is SuperSecretValue99 ok",
                "url", "postgres://admin:pg-pass-4@db.example.com:5432/app",
                "azure", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abc+def==;EndpointSuffix=x",
                "pem", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----",
                "jaas", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p-5\";");

        String json = AuditRedactor.redactedJson(body, Set.of("SuperSecretValue99"));

        assertThat(json).doesNotContain("SuperSecretValue99", "pg-pass-4", "abc+def==", "MIIEvQIBADANBg", "p-5")
                .contains("postgres://admin:[redacted]@db.example.com", "AccountName=acct", "AccountKey=[redacted]");
    }

    @Test
    void rawJsonTextIsRedactedToo() {
        String json = AuditRedactor.redactedJsonText(
                "{\"source\":{\"objectStorage\":{\"connectionString\":\"AccountKey=zzz\",\"path\":\"a/b\"}}}", Set.of());
        assertThat(json).isEqualTo("{\"source\":{\"objectStorage\":{\"connectionString\":\"[redacted]\",\"path\":\"a/b\"}}}");
        assertThat(AuditRedactor.redactedJsonText("not json password=abc", Set.of()))
                .isEqualTo("\"not json password=[redacted]\"");
    }

    @Test
    void nullSecretFieldsStayNull() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("password", null);
        assertThat(AuditRedactor.redactedJson(body, Set.of())).isEqualTo("{\"password\":null}");
    }

    @Test
    void textIsStoredAsItIsHashed() {
        assertThat(AuditText.clean("a\u0000b", 10)).isEqualTo("ab");
        assertThat(AuditText.clean("x\uD800y", 10)).isEqualTo("x\uFFFDy");
        assertThat(AuditText.clean("ab\uD83D\uDE00", 3)).isEqualTo("ab");
        assertThat(AuditText.clean("abcdef", 3)).isEqualTo("abc");
    }
}
