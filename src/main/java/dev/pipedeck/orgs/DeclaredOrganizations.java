package dev.pipedeck.orgs;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Connections declared in configuration for headless deployments: {@code pipedeck.organizations[0].name},
 * {@code .organization-id}, {@code .key-id}, {@code .key-secret}, {@code .base-url} (so environment variables such as
 * {@code PIPEDECK_ORGANIZATIONS_0_KEY_SECRET} work). Upserted at start, encrypted like the others, read-only in the UI.
 */
@ConfigurationProperties("pipedeck")
public record DeclaredOrganizations(List<Declared> organizations) {

    public DeclaredOrganizations {
        organizations = organizations == null ? List.of() : List.copyOf(organizations);
    }

    public record Declared(String name, String organizationId, String keyId, String keySecret, String baseUrl,
            Integer budgetRequests, Integer budgetWindowSeconds) {

        @Override
        public String toString() {
            return "Declared[name=" + name + ", organizationId=" + organizationId + ", keyId=" + keyId
                    + ", keySecret=••••, baseUrl=" + baseUrl + "]";
        }
    }
}
