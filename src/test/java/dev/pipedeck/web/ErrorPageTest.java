package dev.pipedeck.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A real server's error page: a clear message and a request id to quote, never a stack trace. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ErrorPageTest {

    @LocalServerPort
    int port;

    @Test
    void anUnknownPageShowsAFriendlyPageWithTheRequestId() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> notFound = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/assets/nothing-here.css")).header("Accept", "text/html")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).contains("This page does not exist").contains("Request id:")
                .doesNotContain("Exception");
        String requestId = notFound.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(notFound.body()).contains(requestId);
    }
}
