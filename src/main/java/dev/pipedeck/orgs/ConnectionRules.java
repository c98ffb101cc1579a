package dev.pipedeck.orgs;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules a connection's fields follow; each broken rule is a message for its field. */
final class ConnectionRules {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{4,128}");

    private ConnectionRules() {
    }

    /** Field name → message, in form order; empty when the form is acceptable. */
    static Map<String, String> check(ConnectionForm form, boolean secretRequired) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = trim(form.getDisplayName());
        if (name.isEmpty() || name.length() > 100) {
            errors.put("displayName", "Give the connection a name (up to 100 characters).");
        }
        if (!UUID.matcher(trim(form.getOrganizationId())).matches()) {
            errors.put("organizationId", "Paste the organization ID from ClickHouse Cloud (a UUID such as "
                    + "3f1c2a9e-…); it is under Organization → Details.");
        }
        if (!KEY_ID.matcher(trim(form.getKeyId())).matches()) {
            errors.put("keyId", "Paste the API key ID (letters and digits, as shown when the key was created).");
        }
        if (secretRequired && trim(form.getKeySecret()).isEmpty()) {
            errors.put("keySecret", "Paste the API key secret. It is encrypted and never shown again.");
        }
        String url = trim(form.getBaseUrl());
        if (!isHttpUrl(url)) {
            errors.put("baseUrl", "Use an http:// or https:// URL, e.g. https://api.clickhouse.cloud.");
        }
        if (form.getBudgetRequests() == null || form.getBudgetRequests() < 1 || form.getBudgetRequests() > 1000) {
            errors.put("budgetRequests", "Between 1 and 1000 requests (ClickHouse Cloud allows 10 per 10 s per key).");
        }
        if (form.getBudgetWindowSeconds() == null || form.getBudgetWindowSeconds() < 1
                || form.getBudgetWindowSeconds() > 3600) {
            errors.put("budgetWindowSeconds", "Between 1 and 3600 seconds.");
        }
        return errors;
    }

    static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    static String normalizeOrganizationId(String value) {
        return trim(value).toLowerCase(Locale.ROOT);
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getUserInfo() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
