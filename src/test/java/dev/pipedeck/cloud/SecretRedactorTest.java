package dev.pipedeck.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SecretRedactorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void recognisesTheSecretFieldNames() {
        for (String name : new String[] {"credentials", "password", "secretKey", "serviceAccountKey",
                "serviceAccountFile", "connectionString", "privateKey", "PASSWORD", "keySecret"}) {
            assertThat(SecretRedactor.isSecretField(name)).as(name).isTrue();
        }
        for (String name : new String[] {"username", "accessKeyId", "certificate", "caCertificate", "host", "uri"}) {
            assertThat(SecretRedactor.isSecretField(name)).as(name).isFalse();
        }
    }

    @Test
    void masksSecretFieldsAtAnyDepthAndLeavesTheRest() {
        JsonNode body = JSON.readTree("""
                {"name":"p","source":{"objectStorage":{"type":"gcs","serviceAccountKey":"c2VjcmV0",
                  "accessKey":{"accessKeyId":"AKIA","secretKey":"wJal"}},
                  "kafka":{"credentials":{"username":"u","password":"p"}}},
                 "list":[{"connectionString":"AccountKey=k"}],"nothing":{"password":null}}""");

        JsonNode masked = SecretRedactor.mask(body);

        assertThat(masked).isEqualTo(JSON.readTree("""
                {"name":"p","source":{"objectStorage":{"type":"gcs","serviceAccountKey":"••••",
                  "accessKey":{"accessKeyId":"AKIA","secretKey":"••••"}},
                  "kafka":{"credentials":"••••"}},
                 "list":[{"connectionString":"••••"}],"nothing":{"password":null}}"""));
        assertThat(body.toString()).as("the original is left alone").contains("wJal");
    }

    @Test
    void redactsTheKeySecretAndEverySecretValueOfTheBody() {
        byte[] body = """
                {"source":{"postgres":{"host":"db","credentials":{"username":"replicator","password":"hunter22"}}}}"""
                .getBytes(StandardCharsets.UTF_8);
        SecretRedactor redactor = SecretRedactor.forRequest(CloudConnection.of("o", "k", "the-key-secret"), body);

        assertThat(redactor.redact("user replicator, password hunter22, key the-key-secret, host db"))
                .isEqualTo("user ••••, password ••••, key ••••, host db");
    }

    @Test
    void toleratesABodyThatIsNotJson() {
        SecretRedactor redactor = SecretRedactor.forRequest(CloudConnection.of("o", "k", "the-key-secret"),
                "not json".getBytes(StandardCharsets.UTF_8));

        assertThat(redactor.redact("the-key-secret not json")).isEqualTo("•••• not json");
    }
}
