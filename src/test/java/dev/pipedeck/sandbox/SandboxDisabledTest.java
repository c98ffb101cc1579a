package dev.pipedeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.CloudNotFoundException;

/** With {@code pipedeck.sandbox.enabled=false} every request under {@code /sandbox} answers 404 in the envelope. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pipedeck.sandbox.enabled=false")
@AutoConfigureMockMvc
class SandboxDisabledTest {

    @LocalServerPort
    int port;

    @Autowired
    SandboxAccess access;

    @Autowired
    ClickHouseCloudClient client;

    @Autowired
    MockMvc mvc;

    @Test
    void everySandboxPathAnswers404() throws Exception {
        for (String path : new String[] {"/sandbox/v1/organizations/" + access.organizationId(), "/sandbox",
                "/sandbox/anything/else"}) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.body()).matches("\\{\"status\":404,\"requestId\":\"[0-9a-f-]{36}\","
                    + "\"error\":\"NOT_FOUND: The sandbox is disabled.*\"}");
        }
    }

    @Test
    void theClientSeesNotFoundAndNoKeyIsIssued() {
        CloudConnection connection = new CloudConnection("http://127.0.0.1:" + port + "/sandbox",
                access.organizationId(), "any-key", "any-secret");

        assertThatThrownBy(() -> client.organizationGet(connection).block(Duration.ofSeconds(10)))
                .isInstanceOf(CloudNotFoundException.class);
        assertThat(access.isEnabled()).isFalse();
        assertThatThrownBy(() -> access.issueKey()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theAdminPageSaysSo() throws Exception {
        String page = mvc.perform(get("/admin/sandbox").with(user("admin").roles("ADMIN"))).andReturn().getResponse()
                .getContentAsString();

        assertThat(page).contains("The sandbox is off").doesNotContain("Reset sandbox");
    }
}
