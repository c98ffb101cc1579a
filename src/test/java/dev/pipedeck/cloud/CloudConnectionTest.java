package dev.pipedeck.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class CloudConnectionTest {

    @Test
    void defaultsToThePublicApi() {
        assertThat(CloudConnection.of("org", "id", "secret").baseUrl()).isEqualTo("https://api.clickhouse.cloud");
        assertThat(new CloudConnection(" ", "org", "id", "secret").baseUrl()).isEqualTo(CloudConnection.DEFAULT_BASE_URL);
    }

    @Test
    void acceptsABaseUrlWithTrailingSlashOrV1() {
        assertThat(new CloudConnection("https://api.example.com/", "org", "id", "s").baseUrl())
                .isEqualTo("https://api.example.com");
        assertThat(new CloudConnection("https://api.example.com/v1/", "org", "id", "s").baseUrl())
                .isEqualTo("https://api.example.com");
    }

    @Test
    void refusesBaseUrlsThatAreNotPlainHttp() {
        for (String url : new String[] {"ftp://api.example.com", "https://user:pw@api.example.com", "api.example.com",
                "https://api.example.com?x=1"}) {
            assertThatThrownBy(() -> new CloudConnection(url, "org", "id", "s")).as(url)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("pw@");
        }
    }

    @Test
    void requiresOrganizationAndKey() {
        assertThatThrownBy(() -> CloudConnection.of("", "id", "s")).hasMessage("organizationId is required");
        assertThatThrownBy(() -> CloudConnection.of("org", null, "s")).hasMessage("keyId is required");
        assertThatThrownBy(() -> CloudConnection.of("org", "id", " ")).hasMessage("keySecret is required");
    }

    @Test
    void toStringNeverShowsTheSecret() {
        CloudConnection connection = CloudConnection.of("org-1", "key-1", "very-secret-value");

        assertThat(connection.toString()).contains("org-1", "key-1", "••••").doesNotContain("very-secret-value");
    }

    @Test
    void authenticatesWithBasicAuthOfKeyIdAndSecret() {
        String header = CloudConnection.of("org", "key:id", "sécret").basicAuthorization();

        assertThat(header).startsWith("Basic ");
        assertThat(new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8))
                .isEqualTo("key:id:sécret");
    }
}
