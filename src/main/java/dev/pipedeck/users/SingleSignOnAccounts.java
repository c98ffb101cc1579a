package dev.pipedeck.users;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pipedeck.audit.AuditActor;
import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;

/**
 * The Pipedeck account of each single sign-on: found by the identity provider's issuer and subject, or created at
 * the first sign-in (kind EXTERNAL, no password), and given the role its claims map to at every sign-in. A role
 * change ends the account's other sessions, as an admin's change does. Refusals (no role for the claims, a disabled
 * account, a username already taken) throw {@link SingleSignOnRefusedException}; their audit record is written by
 * the sign-in's failure handler, with every other single sign-on failure.
 */
@Service
public class SingleSignOnAccounts {

    static final String CHANNEL = "oidc";

    private final AccountRepository accounts;
    private final SsoProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    public SingleSignOnAccounts(AccountRepository accounts, SsoProperties properties, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** Runs while nobody is signed in yet: the identity provider's signed ID token is the authorization. */
    @Transactional(noRollbackFor = SingleSignOnRefusedException.class)
    public Account signIn(String issuer, String subject, Map<String, Object> claims) {
        SsoProperties.Oidc oidc = properties.oidc();
        ClaimRoleMapping.Decision decision = ClaimRoleMapping.decide(claims, oidc);
        Optional<Account> linked = accounts.findByExternalIssuerAndExternalSubject(issuer, subject);
        if (linked.isPresent()) {
            return signInExisting(linked.get(), decision, oidc);
        }
        String username = Usernames.normalize(String.valueOf(claims.getOrDefault(oidc.usernameClaim(), "")));
        Role role = decision.role().orElseThrow(() -> new SingleSignOnRefusedException(username,
                "None of your " + oidc.roleClaim() + " at " + oidc.displayName() + " gives a Pipedeck role. Ask an "
                        + "admin to add you to a group mapped to Pipedeck."));
        try {
            Usernames.requireValid(username);
        } catch (AccountRuleViolation invalid) {
            throw new SingleSignOnRefusedException(username, "Your " + oidc.usernameClaim() + " at "
                    + oidc.displayName() + " is not a valid Pipedeck username. " + invalid.getMessage());
        }
        if (accounts.existsByUsername(username)) {
            throw new SingleSignOnRefusedException(username, "A Pipedeck account named " + username
                    + " already exists and is not linked to your " + oidc.displayName() + " identity. Ask an admin.");
        }
        Account created = accounts.save(Account.external(username, issuer, subject, role, clock.instant()));
        audit.record(AccountAudit.entry(AccountAudit.CREATED, username, AccountAudit.request("username", username,
                "kind", AccountKind.EXTERNAL, "role", role, oidc.roleClaim(), decision.matchedValues()))
                .actor(AuditActor.system()).channel(CHANNEL).build());
        return created;
    }

    private Account signInExisting(Account account, ClaimRoleMapping.Decision decision, SsoProperties.Oidc oidc) {
        if (!account.isEnabled()) {
            throw new SingleSignOnRefusedException(account.getUsername(), "Your Pipedeck account "
                    + account.getUsername() + " is disabled.");
        }
        if (decision.role().isEmpty()) {
            // No longer in any mapped group: whatever session they still have ends too.
            account.endSessions();
            throw new SingleSignOnRefusedException(account.getUsername(), "None of your " + oidc.roleClaim() + " at "
                    + oidc.displayName() + " gives a Pipedeck role any more. Ask an admin.");
        }
        Role before = account.getRole();
        Role after = decision.role().get();
        if (before != after) {
            account.changeRole(after);
            AuditEntry.Builder entry = AccountAudit.entry(AccountAudit.ROLE_CHANGED, account.getUsername(),
                    AccountAudit.request("role", after, oidc.roleClaim(), decision.matchedValues()))
                    .change(AccountAudit.request("role", before), AccountAudit.request("role", after))
                    .actor(AuditActor.system()).channel(CHANNEL);
            audit.record(entry.build());
        }
        return account;
    }
}
