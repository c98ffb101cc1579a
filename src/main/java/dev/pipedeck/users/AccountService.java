package dev.pipedeck.users;

import java.time.Clock;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pipedeck.audit.AuditEntry;

/**
 * Every change to team accounts goes through here: the role check (method security), the rules (password policy,
 * last enabled admin), the session ending that follows a password reset, role change or disable, and the audit
 * record of each change (in the same transaction) or refusal.
 */
@Service
public class AccountService {

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final Clock clock;
    private final AccountAudit audit;

    public AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
            Clock clock, AccountAudit audit) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<Account> list() {
        return accounts.findAllByOrderByUsernameAsc();
    }

    @Transactional(readOnly = true)
    public boolean noAccountExists() {
        return accounts.count() == 0;
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Account create(String username, String password, Role role) {
        AuditEntry.Builder entry = AccountAudit.entry(AccountAudit.CREATED, username,
                AccountAudit.request("username", username, "role", role, "password", password), password);
        Account account = audit.refusalsRecorded(entry, () -> createAccount(username, password, role));
        audit.recordSuccess(entry);
        return account;
    }

    /**
     * Creates the first ADMIN, and only while no account exists (first run, from the environment or /setup).
     * Serialised so two concurrent setup requests cannot both succeed.
     */
    @Transactional
    public synchronized Account createFirstAdmin(String username, String password) {
        AuditEntry.Builder entry = AccountAudit.entry(AccountAudit.SETUP, username,
                AccountAudit.request("username", username, "role", Role.ADMIN, "password", password), password);
        Account admin = audit.refusalsRecorded(entry, () -> {
            if (accounts.count() > 0) {
                throw new AccountRuleViolation(null, "Pipedeck is already set up. Sign in instead.");
            }
            return createAccount(username, password, Role.ADMIN);
        });
        audit.recordSuccess(entry);
        return admin;
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Account changeRole(long accountId, Role newRole) {
        Account account = find(accountId);
        Role before = account.getRole();
        AuditEntry.Builder entry = AccountAudit.entry(AccountAudit.ROLE_CHANGED, account.getUsername(),
                AccountAudit.request("role", newRole))
                .change(AccountAudit.request("role", before), AccountAudit.request("role", newRole));
        audit.refusalsRecorded(entry, () -> {
            if (account.getRole() == Role.ADMIN && newRole != Role.ADMIN && account.isEnabled()) {
                requireAnotherEnabledAdmin(account, "role",
                        "This is the last enabled admin: make another account admin first.");
            }
            return account;
        });
        if (before != newRole) {
            account.changeRole(newRole);
            audit.recordSuccess(entry);
        }
        return account;
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Account setEnabled(long accountId, boolean enabled) {
        Account account = find(accountId);
        AuditEntry.Builder entry = AccountAudit.entry(enabled ? AccountAudit.ENABLED : AccountAudit.DISABLED,
                account.getUsername(), AccountAudit.request("enabled", enabled));
        audit.refusalsRecorded(entry, () -> {
            if (!enabled && account.getRole() == Role.ADMIN && account.isEnabled()) {
                requireAnotherEnabledAdmin(account, null, "This is the last enabled admin and cannot be disabled.");
            }
            return account;
        });
        if (account.isEnabled() != enabled) {
            account.setEnabled(enabled);
            audit.recordSuccess(entry);
        }
        return account;
    }

    /** An admin sets a new password for someone; that person's sessions end. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Account resetPassword(long accountId, String newPassword) {
        Account account = find(accountId);
        AuditEntry.Builder entry = AccountAudit.entry(AccountAudit.PASSWORD_RESET, account.getUsername(),
                AccountAudit.request("newPassword", newPassword), newPassword);
        audit.refusalsRecorded(entry, () -> {
            requireLocal(account, "newPassword");
            requireAcceptable(newPassword, account.getUsername(), "password");
            return account;
        });
        account.changePassword(passwordEncoder.encode(newPassword), clock.instant(), true);
        audit.recordSuccess(entry);
        return account;
    }

    /** Anyone signed in changes their own password, proving they know the current one. */
    @Transactional
    @PreAuthorize("isAuthenticated() and #username == authentication.name")
    public Account changeOwnPassword(String username, String currentPassword, String newPassword) {
        AuditEntry.Builder entry = AccountAudit.entry(AccountAudit.PASSWORD_CHANGED, username,
                AccountAudit.request("currentPassword", currentPassword, "newPassword", newPassword),
                currentPassword, newPassword);
        Account account = audit.refusalsRecorded(entry, () -> {
            Account own = accounts.findByUsername(username)
                    .orElseThrow(() -> new AccountRuleViolation(null, "Your account no longer exists."));
            requireLocal(own, null);
            if (currentPassword == null || !passwordEncoder.matches(currentPassword, own.getPasswordHash())) {
                throw new AccountRuleViolation("currentPassword", "The current password is not correct.");
            }
            requireAcceptable(newPassword, username, "newPassword");
            return own;
        });
        // The session that made the change stays signed in; it is told the new version by the caller.
        account.changePassword(passwordEncoder.encode(newPassword), clock.instant(), true);
        audit.recordSuccess(entry);
        return account;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public Account get(long accountId) {
        return find(accountId);
    }

    private Account createAccount(String rawUsername, String password, Role role) {
        String username = Usernames.normalize(rawUsername);
        Usernames.requireValid(username);
        if (accounts.existsByUsername(username)) {
            throw new AccountRuleViolation("username", "An account with this username already exists.");
        }
        if (role == null) {
            throw new AccountRuleViolation("role", "Choose a role.");
        }
        requireAcceptable(password, username, "password");
        return accounts.save(new Account(username, passwordEncoder.encode(password), role, clock.instant()));
    }

    private static void requireLocal(Account account, String field) {
        if (account.isExternal()) {
            throw new AccountRuleViolation(field, account.getUsername() + " signs in through single sign-on and has "
                    + "no Pipedeck password.");
        }
    }

    private void requireAcceptable(String password, String username, String field) {
        passwordPolicy.check(password, username).ifPresent(reason -> {
            throw new AccountRuleViolation(field, reason);
        });
    }

    private void requireAnotherEnabledAdmin(Account account, String field, String message) {
        List<Account> enabledAdmins = accounts.findByRoleAndEnabledTrueOrderByIdAsc(Role.ADMIN);
        boolean another = enabledAdmins.stream().anyMatch(a -> !a.getId().equals(account.getId()));
        if (!another) {
            throw new AccountRuleViolation(field, message);
        }
    }

    private Account find(long accountId) {
        return accounts.findById(accountId).orElseThrow(() -> new AccountNotFoundException(accountId));
    }
}
