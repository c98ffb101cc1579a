package dev.pipedeck.orgs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.audit.AuditResult;
import dev.pipedeck.audit.AuditTarget;
import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.ConnectionServices;
import dev.pipedeck.cloud.Organization;
import dev.pipedeck.cloud.RequestBudget;
import dev.pipedeck.secrets.SecretCipher;

/**
 * Organization connections: the one place that stores, verifies and decrypts API keys. Changes are ADMIN-only and
 * audited without the secret; reading is for every role.
 */
@Service
public class OrgConnectionService {

    private static final Duration HEALTH_CACHE = Duration.ofMinutes(5);
    private static final Duration CALL_LIMIT = Duration.ofSeconds(90);

    private final OrgConnectionRepository connections;
    private final SecretCipher cipher;
    private final ClickHouseCloudClient cloud;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final Map<Long, CachedHealth> healthCache = new ConcurrentHashMap<>();

    public OrgConnectionService(OrgConnectionRepository connections, SecretCipher cipher, ClickHouseCloudClient cloud,
            AuditLog audit, Clock clock, PlatformTransactionManager transactionManager) {
        this.connections = connections;
        this.cipher = cipher;
        this.cloud = cloud;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @PreAuthorize("hasRole('VIEWER')")
    public List<OrgConnection> list() {
        return connections.findAllByOrderByDisplayNameAsc();
    }

    /**
     * Every connection, for scheduled jobs that run on no one's behalf (the pipe health collector). Never call it
     * while serving a request: what a person sees goes through {@link #list()} and its role check.
     */
    public List<OrgConnection> listForScheduledJobs() {
        return connections.findAllByOrderByDisplayNameAsc();
    }

    @PreAuthorize("hasRole('VIEWER')")
    public OrgConnection get(String organizationId) {
        return connections.findByOrganizationId(ConnectionRules.normalizeOrganizationId(organizationId))
                .orElseThrow(() -> new UnknownOrganizationException(organizationId));
    }

    /** Adds a connection after ClickHouse Cloud accepts its key (or unverified, when the admin insists). */
    @PreAuthorize("hasRole('ADMIN')")
    public SaveOutcome create(ConnectionForm form) {
        String organizationId = ConnectionRules.normalizeOrganizationId(form.getOrganizationId());
        Map<String, String> errors = new LinkedHashMap<>(ConnectionRules.check(form, true));
        if (!errors.containsKey("organizationId") && connections.findByOrganizationId(organizationId).isPresent()) {
            errors.put("organizationId", "This organization is already connected. Edit that connection instead.");
        }
        AuditEntry.Builder entry = AuditEntry.of("org.create")
                .target(AuditTarget.organization(organizationId, ConnectionRules.trim(form.getDisplayName())))
                .request(summary(form))
                .secretValues(form.getKeySecret());
        if (!errors.isEmpty()) {
            return refused(entry, errors);
        }
        String secret = ConnectionRules.trim(form.getKeySecret());
        CloudConnection candidate = new CloudConnection(ConnectionRules.trim(form.getBaseUrl()), organizationId,
                ConnectionRules.trim(form.getKeyId()), secret,
                new RequestBudget(form.getBudgetRequests(), Duration.ofSeconds(form.getBudgetWindowSeconds())));
        Verification verification = verify(candidate, form.getDisplayName());
        if (!verification.ok() && !form.isSaveUnverified()) {
            return notVerified(entry, verification.problem());
        }
        OrgConnection saved = transaction.execute(status -> {
            Instant now = clock.instant();
            OrgConnection connection = connections.saveAndFlush(new OrgConnection(
                    ConnectionRules.trim(form.getDisplayName()), organizationId, ConnectionRules.trim(form.getKeyId()),
                    candidate.baseUrl(), form.getBudgetRequests(), form.getBudgetWindowSeconds(), false, false, now));
            connection.storeKeySecret(cipher.encrypt(secret, OrgConnectionSecrets.bindingOf(connection.getId())), now);
            if (verification.ok()) {
                connection.markVerified(verification.organizationName(), now);
            }
            audit.record(entry.build());
            return connection;
        });
        return SaveOutcome.saved(saved, verification.problem());
    }

    /** Changes a connection; a blank secret keeps the stored one. A new key or URL is verified again. */
    @PreAuthorize("hasRole('ADMIN')")
    public SaveOutcome update(String organizationId, ConnectionForm form) {
        OrgConnection existing = get(organizationId);
        requireEditable(existing);
        form.setOrganizationId(existing.getOrganizationId());
        Map<String, String> errors = ConnectionRules.check(form, false);
        Map<String, Object> before = describe(existing);
        AuditEntry.Builder entry = AuditEntry.of("org.update")
                .target(AuditTarget.organization(existing.getOrganizationId(), existing.getDisplayName()))
                .request(summary(form))
                .secretValues(form.getKeySecret());
        if (!errors.isEmpty()) {
            return refused(entry, errors);
        }
        String newSecret = ConnectionRules.trim(form.getKeySecret());
        String secret = newSecret.isEmpty() ? decryptSecret(existing) : newSecret;
        CloudConnection candidate = new CloudConnection(ConnectionRules.trim(form.getBaseUrl()),
                existing.getOrganizationId(), ConnectionRules.trim(form.getKeyId()), secret,
                new RequestBudget(form.getBudgetRequests(), Duration.ofSeconds(form.getBudgetWindowSeconds())));
        boolean keyChanged = !newSecret.isEmpty() || !candidate.keyId().equals(existing.getKeyId())
                || !candidate.baseUrl().equals(existing.getBaseUrl());
        Verification verification = keyChanged ? verify(candidate, form.getDisplayName()) : Verification.unchanged();
        if (!verification.ok() && !verification.skipped() && !form.isSaveUnverified()) {
            return notVerified(entry, verification.problem());
        }
        OrgConnection saved = transaction.execute(status -> {
            Instant now = clock.instant();
            OrgConnection connection = connections.findById(existing.getId()).orElseThrow();
            connection.describe(ConnectionRules.trim(form.getDisplayName()), candidate.keyId(), candidate.baseUrl(),
                    form.getBudgetRequests(), form.getBudgetWindowSeconds(), now);
            if (!newSecret.isEmpty()) {
                connection.storeKeySecret(cipher.encrypt(newSecret, OrgConnectionSecrets.bindingOf(connection.getId())),
                        now);
            }
            if (verification.ok()) {
                connection.markVerified(verification.organizationName(), now);
            }
            audit.record(entry.change(before, describe(connection)).build());
            return connection;
        });
        healthCache.remove(saved.getId());
        return SaveOutcome.saved(saved, verification.skipped() ? null : verification.problem());
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void delete(String organizationId) {
        OrgConnection existing = get(organizationId);
        requireEditable(existing);
        transaction.executeWithoutResult(status -> {
            connections.deleteById(existing.getId());
            audit.record(AuditEntry.of("org.delete")
                    .target(AuditTarget.organization(existing.getOrganizationId(), existing.getDisplayName()))
                    .request(describe(existing))
                    .build());
        });
        healthCache.remove(existing.getId());
    }

    /** Checks the stored key again with {@code GET /v1/organizations/{id}}; the problem, or null when accepted. */
    @PreAuthorize("hasRole('ADMIN')")
    public CloudProblem reverify(String organizationId) {
        OrgConnection existing = get(organizationId);
        Verification verification = verify(cloudConnection(existing), existing.getDisplayName());
        if (verification.ok()) {
            transaction.executeWithoutResult(status -> connections.findById(existing.getId())
                    .ifPresent(c -> c.markVerified(verification.organizationName(), clock.instant())));
        }
        healthCache.remove(existing.getId());
        return verification.problem();
    }

    /** The key's state, roles and expiry as ClickHouse Cloud lists them (read at most every five minutes). */
    @PreAuthorize("hasRole('VIEWER')")
    public KeyHealth keyHealth(OrgConnection connection) {
        Instant now = clock.instant();
        CachedHealth cached = healthCache.get(connection.getId());
        if (cached != null && cached.readAt().plus(HEALTH_CACHE).isAfter(now)) {
            return cached.health();
        }
        KeyHealth health;
        try {
            health = KeyHealth.of(cloud.openapiKeyGetList(cloudConnection(connection)).block(CALL_LIMIT),
                    connection.getKeySuffix(), now);
        } catch (RuntimeException e) {
            health = KeyHealth.unknown("Could not read the key list: " + CloudProblem.of(e).summary());
        }
        healthCache.put(connection.getId(), new CachedHealth(now, health));
        return health;
    }

    /** Services of one connection. */
    @PreAuthorize("hasRole('VIEWER')")
    public ServicesView services(String organizationId) {
        OrgConnection connection = get(organizationId);
        try {
            return new ServicesView(connection, cloud.instanceGetList(cloudConnection(connection)).block(CALL_LIMIT),
                    null);
        } catch (RuntimeException e) {
            return new ServicesView(connection, List.of(), CloudProblem.of(e));
        }
    }

    /** Services of every connection, fetched in parallel: as slow as the slowest, one failure hides no other. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<ServicesView> servicesOfAll() {
        List<OrgConnection> all = list();
        List<CloudConnection> calls = new ArrayList<>();
        List<OrgConnection> callable = new ArrayList<>();
        List<ServicesView> views = new ArrayList<>();
        for (OrgConnection connection : all) {
            try {
                calls.add(cloudConnection(connection));
                callable.add(connection);
            } catch (RuntimeException e) {
                views.add(new ServicesView(connection, List.of(), CloudProblem.of(e)));
            }
        }
        List<ConnectionServices> answers = calls.isEmpty() ? List.of() : cloud.instanceGetListOfAll(calls).block(CALL_LIMIT);
        for (int i = 0; i < callable.size(); i++) {
            ConnectionServices answer = answers.get(i);
            views.add(new ServicesView(callable.get(i), answer.services(),
                    answer.succeeded() ? null : CloudProblem.of(answer.error())));
        }
        views.sort((a, b) -> a.connection().getDisplayName().compareToIgnoreCase(b.connection().getDisplayName()));
        return views;
    }

    /** The decrypted connection for a call. Feature services call this after their own role check. */
    public CloudConnection cloudConnection(OrgConnection connection) {
        return new CloudConnection(connection.getBaseUrl(), connection.getOrganizationId(), connection.getKeyId(),
                decryptSecret(connection), budgetOf(connection));
    }

    private static RequestBudget budgetOf(OrgConnection connection) {
        return new RequestBudget(connection.getBudgetRequests(), connection.getBudgetWindow());
    }

    private String decryptSecret(OrgConnection connection) {
        if (!connection.isKeySecretSet()) {
            throw new IllegalStateException("The connection has no stored key secret.");
        }
        return cipher.decrypt(connection.getKeySecretCiphertext(), OrgConnectionSecrets.bindingOf(connection.getId()));
    }

    private Verification verify(CloudConnection candidate, String displayName) {
        try {
            Organization organization = audit.recordCall(
                    AuditEntry.of("org.verify")
                            .target(AuditTarget.organization(candidate.organizationId(), displayName))
                            .request(Map.of("organizationId", candidate.organizationId(), "keyId", candidate.keyId(),
                                    "baseUrl", candidate.baseUrl()))
                            .secretValues(candidate.keySecret())
                            .build(),
                    () -> cloud.organizationGet(candidate).block(CALL_LIMIT),
                    failure -> {
                        CloudProblem problem = CloudProblem.of(failure);
                        return AuditResult.upstreamError(problem.status(), problem.summary(), problem.requestId());
                    });
            return new Verification(true, false, organization == null ? null : organization.name(), null);
        } catch (RuntimeException e) {
            return new Verification(false, false, null, CloudProblem.of(e));
        }
    }

    /** Refused by a field rule: recorded as invalid (in its own transaction: nothing else is written). */
    private SaveOutcome refused(AuditEntry.Builder entry, Map<String, String> errors) {
        audit.recordIndependently(entry.invalid(String.join(" ", errors.values())).build());
        return SaveOutcome.invalid(errors);
    }

    /** ClickHouse Cloud did not accept the key and the admin did not insist: recorded with the API's answer. */
    private SaveOutcome notVerified(AuditEntry.Builder entry, CloudProblem problem) {
        audit.recordIndependently(entry.upstreamError(problem.status(), problem.summary(), problem.requestId()).build());
        return SaveOutcome.notVerified(problem);
    }

    private static void requireEditable(OrgConnection connection) {
        if (connection.isManagedByConfig()) {
            throw new ConnectionManagedByConfigException(connection.getOrganizationId());
        }
    }

    private static Map<String, Object> summary(ConnectionForm form) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("displayName", ConnectionRules.trim(form.getDisplayName()));
        summary.put("organizationId", ConnectionRules.trim(form.getOrganizationId()));
        summary.put("keyId", ConnectionRules.trim(form.getKeyId()));
        summary.put("keySecret", ConnectionRules.trim(form.getKeySecret()).isEmpty() ? "(unchanged)" : "[redacted]");
        summary.put("baseUrl", ConnectionRules.trim(form.getBaseUrl()));
        summary.put("budgetRequests", form.getBudgetRequests());
        summary.put("budgetWindowSeconds", form.getBudgetWindowSeconds());
        summary.put("saveUnverified", form.isSaveUnverified());
        return summary;
    }

    private static Map<String, Object> describe(OrgConnection connection) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("displayName", connection.getDisplayName());
        description.put("organizationId", connection.getOrganizationId());
        description.put("keyId", connection.getKeyId());
        description.put("baseUrl", connection.getBaseUrl());
        description.put("budgetRequests", connection.getBudgetRequests());
        description.put("budgetWindowSeconds", connection.getBudgetWindowSeconds());
        return description;
    }

    private record Verification(boolean ok, boolean skipped, String organizationName, CloudProblem problem) {
        static Verification unchanged() {
            return new Verification(false, true, null, null);
        }
    }

    private record CachedHealth(Instant readAt, KeyHealth health) {
    }
}
