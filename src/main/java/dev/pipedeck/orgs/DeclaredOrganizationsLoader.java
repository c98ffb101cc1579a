package dev.pipedeck.orgs;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pipedeck.audit.AuditActor;
import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.audit.AuditTarget;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.secrets.SecretCipher;

/** Upserts the connections declared in configuration at start, as the system actor, and audits each change. */
@Component
@Order(10)
class DeclaredOrganizationsLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DeclaredOrganizationsLoader.class);

    private final DeclaredOrganizations declared;
    private final OrgConnectionRepository connections;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;

    DeclaredOrganizationsLoader(DeclaredOrganizations declared, OrgConnectionRepository connections,
            SecretCipher cipher, AuditLog audit, Clock clock, PlatformTransactionManager transactionManager) {
        this.declared = declared;
        this.connections = connections;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @Override
    public void run(ApplicationArguments args) {
        for (int i = 0; i < declared.organizations().size(); i++) {
            DeclaredOrganizations.Declared organization = declared.organizations().get(i);
            ConnectionForm form = asForm(organization);
            Map<String, String> errors = ConnectionRules.check(form, true);
            if (!errors.isEmpty()) {
                throw new IllegalStateException("pipedeck.organizations[" + i + "] is not valid: "
                        + String.join(" ", errors.values()));
            }
            transaction.executeWithoutResult(status -> upsert(form));
        }
    }

    private void upsert(ConnectionForm form) {
        Instant now = clock.instant();
        String organizationId = ConnectionRules.normalizeOrganizationId(form.getOrganizationId());
        String displayName = form.getDisplayName().strip();
        String keyId = form.getKeyId().strip();
        String secret = form.getKeySecret().strip();
        String baseUrl = new CloudConnection(form.getBaseUrl(), organizationId, keyId, secret).baseUrl();
        OrgConnection connection = connections.findByOrganizationId(organizationId).orElse(null);
        if (connection == null) {
            connection = connections.saveAndFlush(new OrgConnection(displayName, organizationId, keyId, baseUrl,
                    form.getBudgetRequests(), form.getBudgetWindowSeconds(), true, false, now));
            connection.storeKeySecret(cipher.encrypt(secret, OrgConnectionSecrets.bindingOf(connection.getId())), now);
            audit.record(entry("org.config.create", connection, secret));
            log.info("Added organization connection {} declared in configuration.", organizationId);
            return;
        }
        boolean secretChanged = !connection.isKeySecretSet() || !secret.equals(
                cipher.decrypt(connection.getKeySecretCiphertext(), OrgConnectionSecrets.bindingOf(connection.getId())));
        boolean descriptionChanged = !connection.getDisplayName().equals(displayName)
                || !connection.getKeyId().equals(keyId) || !connection.getBaseUrl().equals(baseUrl)
                || connection.getBudgetRequests() != form.getBudgetRequests()
                || connection.getBudgetWindowSeconds() != form.getBudgetWindowSeconds()
                || !connection.isManagedByConfig();
        if (!secretChanged && !descriptionChanged) {
            return;
        }
        connection.describe(displayName, keyId, baseUrl, form.getBudgetRequests(), form.getBudgetWindowSeconds(), now);
        connection.manageByConfig();
        if (secretChanged) {
            connection.storeKeySecret(cipher.encrypt(secret, OrgConnectionSecrets.bindingOf(connection.getId())), now);
        }
        audit.record(entry("org.config.update", connection, secret));
        log.info("Updated organization connection {} from configuration.", organizationId);
    }

    private AuditEntry entry(String action, OrgConnection connection, String secret) {
        return AuditEntry.of(action)
                .actor(AuditActor.system())
                .channel("config")
                .target(AuditTarget.organization(connection.getOrganizationId(), connection.getDisplayName()))
                .request(Map.of("displayName", connection.getDisplayName(), "keyId", connection.getKeyId(),
                        "keySecret", "[redacted]", "baseUrl", connection.getBaseUrl()))
                .secretValues(secret)
                .build();
    }

    private static ConnectionForm asForm(DeclaredOrganizations.Declared organization) {
        ConnectionForm form = new ConnectionForm();
        form.setDisplayName(organization.name() == null ? organization.organizationId() : organization.name());
        form.setOrganizationId(organization.organizationId());
        form.setKeyId(organization.keyId());
        form.setKeySecret(organization.keySecret());
        if (organization.baseUrl() != null && !organization.baseUrl().isBlank()) {
            form.setBaseUrl(organization.baseUrl());
        }
        if (organization.budgetRequests() != null) {
            form.setBudgetRequests(organization.budgetRequests());
        }
        if (organization.budgetWindowSeconds() != null) {
            form.setBudgetWindowSeconds(organization.budgetWindowSeconds());
        }
        return form;
    }
}
