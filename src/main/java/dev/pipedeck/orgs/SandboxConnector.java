package dev.pipedeck.orgs;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.audit.AuditTarget;
import dev.pipedeck.sandbox.SandboxAccess;
import dev.pipedeck.sandbox.SandboxCredentials;
import dev.pipedeck.secrets.SecretCipher;

/**
 * "Explore with the sandbox": one click connects the built-in fake ClickHouse Cloud like any organization (its key
 * stored encrypted), labelled SANDBOX everywhere. The sandbox is served by this very process, so its base URL follows
 * the port Pipedeck listens on.
 */
@Service
public class SandboxConnector {

    private final SandboxAccess sandbox;
    private final OrgConnectionRepository connections;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final Environment environment;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public SandboxConnector(SandboxAccess sandbox, OrgConnectionRepository connections, SecretCipher cipher,
            AuditLog audit, Environment environment, Clock clock, PlatformTransactionManager transactionManager) {
        this.sandbox = sandbox;
        this.connections = connections;
        this.cipher = cipher;
        this.audit = audit;
        this.environment = environment;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    public boolean isAvailable() {
        return sandbox.isEnabled();
    }

    /** Connects the sandbox organization (or returns the existing connection). */
    @PreAuthorize("hasRole('ADMIN')")
    public OrgConnection connect() {
        return connections.findByOrganizationId(sandbox.organizationId()).orElseGet(() -> {
            SandboxCredentials credentials = sandbox.issueKey();
            return transaction.execute(status -> {
                Instant now = clock.instant();
                OrgConnection connection = connections.saveAndFlush(new OrgConnection("Sandbox",
                        credentials.organizationId(), credentials.keyId(), baseUrl(), 10, 10, false, true, now));
                connection.storeKeySecret(cipher.encrypt(credentials.keySecret(),
                        OrgConnectionSecrets.bindingOf(connection.getId())), now);
                connection.markVerified("Sandbox organization", now);
                audit.record(AuditEntry.of("org.sandbox.connect")
                        .target(AuditTarget.organization(connection.getOrganizationId(), "Sandbox"))
                        .request(Map.of("keyId", credentials.keyId(), "baseUrl", connection.getBaseUrl()))
                        .secretValues(credentials.keySecret())
                        .build());
                return connection;
            });
        });
    }

    /** Sandbox connections point at this process, whatever port it got this time. */
    @EventListener(ApplicationReadyEvent.class)
    public void followThePort() {
        String current = baseUrl();
        transaction.executeWithoutResult(status -> connections.findAll().stream()
                .filter(c -> c.isSandbox() && !c.getBaseUrl().equals(current))
                .forEach(c -> c.pointAt(current)));
    }

    private String baseUrl() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return "http://127.0.0.1:" + port + contextPath + "/sandbox";
    }
}
