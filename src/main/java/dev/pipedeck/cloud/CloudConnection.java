package dev.pipedeck.cloud;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where and as whom Pipedeck talks to ClickHouse Cloud: an API base URL, an organization and an API key (key id and
 * key secret, sent with HTTP Basic auth). {@link #toString()} never prints the secret.
 *
 * @param baseUrl API base URL without {@code /v1}; blank means {@value #DEFAULT_BASE_URL}
 * @param organizationId the organization every call is made in
 * @param keyId API key id (the Basic auth user)
 * @param keySecret API key secret (the Basic auth password)
 * @param budget the most requests Pipedeck sends with this key per window (see {@link RateBudgets})
 */
public record CloudConnection(String baseUrl, String organizationId, String keyId, String keySecret,
        RequestBudget budget) {

    public static final String DEFAULT_BASE_URL = "https://api.clickhouse.cloud";

    public CloudConnection {
        baseUrl = normalizeBaseUrl(baseUrl);
        requireText(organizationId, "organizationId");
        requireText(keyId, "keyId");
        requireText(keySecret, "keySecret");
        budget = budget == null ? RequestBudget.PUBLISHED_LIMIT : budget;
    }

    /** A connection held to the published limit of 10 requests per 10 s. */
    public CloudConnection(String baseUrl, String organizationId, String keyId, String keySecret) {
        this(baseUrl, organizationId, keyId, keySecret, RequestBudget.PUBLISHED_LIMIT);
    }

    /** A connection to the public ClickHouse Cloud API. */
    public static CloudConnection of(String organizationId, String keyId, String keySecret) {
        return new CloudConnection(DEFAULT_BASE_URL, organizationId, keyId, keySecret);
    }

    /** Value of the {@code Authorization} header. */
    String basicAuthorization() {
        String pair = keyId + ":" + keySecret;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Host name of the base URL, for messages. */
    String host() {
        return URI.create(baseUrl).getHost();
    }

    @Override
    public String toString() {
        return "CloudConnection[baseUrl=" + baseUrl + ", organizationId=" + organizationId + ", keyId=" + keyId
                + ", keySecret=••••, budget=" + budget.requests() + "/" + budget.window() + "]";
    }

    private static String normalizeBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return DEFAULT_BASE_URL;
        }
        String url = baseUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.endsWith("/v1")) {
            url = url.substring(0, url.length() - "/v1".length());
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseUrl is not a URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            // The URL is left out of the message: it may hold credentials.
            throw new IllegalArgumentException("baseUrl must be an http(s) URL without query or credentials");
        }
        return url;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
