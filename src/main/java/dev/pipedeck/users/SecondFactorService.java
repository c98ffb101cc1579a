package dev.pipedeck.users;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pipedeck.audit.AuditActor;
import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.secrets.SecretCipher;

/**
 * TOTP second factors of local accounts: enrolment (a new secret, confirmed by a first code, then ten recovery codes
 * shown once), turning it off, an admin's reset, and checking a code at sign-in. The secret is stored encrypted and
 * bound to its account; a code is accepted once (its step is recorded), a recovery code once (it is marked used).
 */
@Service
public class SecondFactorService {

    static final String ENROLMENT_STARTED = "account.totp.enrolment.started";
    static final String ENABLED = "account.totp.enabled";
    static final String DISABLED = "account.totp.disabled";
    static final String RESET = "account.totp.reset";
    static final String RECOVERY_CODES_RENEWED = "account.totp.recovery-codes.renewed";
    static final String RECOVERY_CODE_USED = "account.totp.recovery-code.used";

    static final int RECOVERY_CODE_COUNT = 10;
    private static final int SECRET_BYTES = 20;
    private static final int RECOVERY_CODE_BYTES = 10;
    private static final String ISSUER = "Pipedeck";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the enrolment page shows until the first code confirms it. */
    public record Enrolment(String secret, String otpauthUri, String qrCodeDataUri) {

        /** The secret in groups of four, easier to type. */
        public String groupedSecret() {
            return secret.replaceAll("(.{4})(?!$)", "$1 ");
        }

        @Override
        public String toString() {
            return "Enrolment[secret hidden]";
        }
    }

    /** Where an account's second factor stands. */
    public record Status(boolean enabled, boolean pending, long recoveryCodesLeft, boolean required, boolean local) {
    }

    /** How a code at sign-in was accepted, if it was. */
    enum Verification { TOTP, RECOVERY_CODE, WRONG }

    private final SecondFactorRepository factors;
    private final RecoveryCodeRepository recoveryCodes;
    private final AccountRepository accounts;
    private final SecretCipher cipher;
    private final SecondFactorProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    public SecondFactorService(SecondFactorRepository factors, RecoveryCodeRepository recoveryCodes,
            AccountRepository accounts, SecretCipher cipher, SecondFactorProperties properties, AuditLog audit,
            Clock clock) {
        this.factors = factors;
        this.recoveryCodes = recoveryCodes;
        this.accounts = accounts;
        this.cipher = cipher;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated() and #username == authentication.name")
    public Status statusOf(String username) {
        return accounts.findByUsername(username).map(this::status)
                .orElse(new Status(false, false, 0, false, true));
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public Status statusOf(long accountId) {
        return status(accounts.findById(accountId).orElseThrow(() -> new AccountNotFoundException(accountId)));
    }

    /** A new secret for the user's authenticator, replacing any enrolment not yet confirmed. */
    @Transactional
    @PreAuthorize("isAuthenticated() and #username == authentication.name")
    public Enrolment startEnrolment(String username) {
        Account account = own(username);
        requireLocal(account);
        Optional<SecondFactor> existing = factors.findById(account.getId());
        if (existing.map(SecondFactor::isEnabled).orElse(false)) {
            throw new AccountRuleViolation(null, "Two-step sign-in is already on. Turn it off first to enrol again.");
        }
        existing.ifPresent(factor -> {
            factors.delete(factor);
            factors.flush();
        });
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        String secret = Base32.encode(key);
        factors.save(new SecondFactor(account.getId(), cipher.encrypt(secret, SecondFactor.bindingOf(account.getId())),
                clock.instant()));
        audit.record(AccountAudit.entry(ENROLMENT_STARTED, username, AccountAudit.request()).secretValues(secret)
                .build());
        return enrolment(username, secret);
    }

    /** The enrolment waiting for its first code, if any. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated() and #username == authentication.name")
    public Optional<Enrolment> pendingEnrolment(String username) {
        return accounts.findByUsername(username).flatMap(account -> factors.findById(account.getId()))
                .filter(f -> !f.isEnabled())
                .map(f -> enrolment(username, secretOf(f)));
    }

    /** The first code confirms the enrolment: two-step sign-in is on; the recovery codes are returned, once. */
    @Transactional
    @PreAuthorize("isAuthenticated() and #username == authentication.name")
    public List<String> confirmEnrolment(String username, String code) {
        Account account = own(username);
        AuditEntry.Builder entry = AccountAudit.entry(ENABLED, username, AccountAudit.request()).secretValues(code);
        SecondFactor factor = factors.findById(account.getId()).filter(f -> !f.isEnabled())
                .orElseThrow(() -> new AccountRuleViolation(null, "Start the enrolment first."));
        if (!acceptTotp(factor, code)) {
            audit.recordIndependently(entry.invalid("The code did not match.").build());
            throw new AccountRuleViolation("code", "That code does not match. Check the authenticator app's clock "
                    + "and enter the code it shows now.");
        }
        factor.enable(clock.instant());
        List<String> codes = newRecoveryCodes(account.getId());
        audit.record(entry.secretValues(codes).build());
        return codes;
    }

    /** New recovery codes (the old ones stop working), proven by a current code. */
    @Transactional
    @PreAuthorize("isAuthenticated() and #username == authentication.name")
    public List<String> renewRecoveryCodes(String username, String code) {
        Account account = own(username);
        SecondFactor factor = enabledFactor(account);
        AuditEntry.Builder entry = AccountAudit.entry(RECOVERY_CODES_RENEWED, username, AccountAudit.request())
                .secretValues(code);
        if (!acceptTotp(factor, code)) {
            audit.recordIndependently(entry.invalid("The code did not match.").build());
            throw new AccountRuleViolation("code", "That code does not match the authenticator app's current code.");
        }
        List<String> codes = newRecoveryCodes(account.getId());
        audit.record(entry.secretValues(codes).build());
        return codes;
    }

    /** Turns two-step sign-in off, proven by a current code (or a recovery code); not for admins when required. */
    @Transactional
    @PreAuthorize("isAuthenticated() and #username == authentication.name")
    public void disable(String username, String code) {
        Account account = own(username);
        SecondFactor factor = enabledFactor(account);
        AuditEntry.Builder entry = AccountAudit.entry(DISABLED, username, AccountAudit.request()).secretValues(code);
        if (requiredFor(account)) {
            audit.recordIndependently(entry.invalid("Required for admins.").build());
            throw new AccountRuleViolation(null, "Admins must keep two-step sign-in on (pipedeck.security."
                    + "totp-required-for-admins).");
        }
        if (!acceptTotp(factor, code) && !acceptRecoveryCode(account.getId(), code)) {
            audit.recordIndependently(entry.invalid("The code did not match.").build());
            throw new AccountRuleViolation("code", "That code does not match.");
        }
        remove(account.getId());
        audit.record(entry.build());
    }

    /**
     * An admin removes someone's second factor (a lost phone): they sign in with their password alone and may enrol
     * again; their open sessions end.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Account reset(long accountId) {
        Account account = accounts.findById(accountId).orElseThrow(() -> new AccountNotFoundException(accountId));
        if (factors.findById(accountId).isEmpty()) {
            throw new AccountRuleViolation(null, account.getUsername() + " has no two-step sign-in to reset.");
        }
        remove(accountId);
        account.endSessions();
        audit.record(AccountAudit.entry(RESET, account.getUsername(), AccountAudit.request()).build());
        return account;
    }

    /** Whether a sign-in with this account's password must be completed by a code. */
    @Transactional(readOnly = true)
    public boolean isEnabled(long accountId) {
        return factors.existsByAccountIdAndEnabledAtIsNotNull(accountId);
    }

    /** Whether this account must have a second factor (a local admin, with totp-required-for-admins). */
    public boolean requiredFor(Account account) {
        return properties.totpRequiredForAdmins() && !account.isExternal() && account.getRole() == Role.ADMIN;
    }

    /**
     * Checks a code at sign-in, while nobody is signed in yet (the pending password sign-in is the authorization):
     * the authenticator's code, once per step, or else an unused recovery code, which is then used up.
     */
    @Transactional
    Verification verify(long accountId, String input) {
        SecondFactor factor = factors.findById(accountId).filter(SecondFactor::isEnabled).orElse(null);
        if (factor == null || input == null) {
            return Verification.WRONG;
        }
        if (acceptTotp(factor, input)) {
            return Verification.TOTP;
        }
        if (acceptRecoveryCode(accountId, input)) {
            Account account = accounts.findById(accountId).orElseThrow();
            long left = recoveryCodes.countByAccountIdAndUsedAtIsNull(accountId);
            audit.record(AccountAudit.entry(RECOVERY_CODE_USED, account.getUsername(),
                    AccountAudit.request("recoveryCodesLeft", left)).secretValues(input)
                    .actor(AuditActor.of(account.getUsername(), account.getRole().name())).build());
            return Verification.RECOVERY_CODE;
        }
        return Verification.WRONG;
    }

    private boolean acceptTotp(SecondFactor factor, String input) {
        String code = input == null ? "" : input.replace(" ", "").strip();
        OptionalLong step = TimeBasedOneTimePassword.matchingStep(Base32.decode(secretOf(factor)), code,
                clock.instant());
        return step.isPresent() && factors.useStep(factor.getAccountId(), step.getAsLong()) == 1;
    }

    private boolean acceptRecoveryCode(long accountId, String input) {
        String normalized = normalizeRecoveryCode(input);
        if (normalized.length() != RECOVERY_CODE_BYTES * 8 / 5) {
            return false;
        }
        byte[] candidate = ApiTokenService.hash(normalized).getBytes(StandardCharsets.US_ASCII);
        for (RecoveryCode stored : recoveryCodes.findByAccountIdAndUsedAtIsNull(accountId)) {
            if (MessageDigest.isEqual(stored.getCodeHash().getBytes(StandardCharsets.US_ASCII), candidate)) {
                return recoveryCodes.use(stored.getId(), clock.instant()) == 1;
            }
        }
        return false;
    }

    private List<String> newRecoveryCodes(long accountId) {
        recoveryCodes.deleteAllOf(accountId);
        Instant now = clock.instant();
        List<String> codes = new ArrayList<>(RECOVERY_CODE_COUNT);
        for (int i = 0; i < RECOVERY_CODE_COUNT; i++) {
            byte[] random = new byte[RECOVERY_CODE_BYTES];
            RANDOM.nextBytes(random);
            String code = Base32.encode(random);
            recoveryCodes.save(new RecoveryCode(accountId, ApiTokenService.hash(code), now));
            codes.add(code.replaceAll("(.{4})(?!$)", "$1-"));
        }
        return List.copyOf(codes);
    }

    private static String normalizeRecoveryCode(String input) {
        return input == null ? "" : input.replace("-", "").replace(" ", "").strip().toUpperCase(Locale.ROOT);
    }

    private void remove(long accountId) {
        recoveryCodes.deleteAllOf(accountId);
        factors.deleteById(accountId);
        factors.flush();
    }

    private Status status(Account account) {
        Optional<SecondFactor> factor = factors.findById(account.getId());
        boolean enabled = factor.map(SecondFactor::isEnabled).orElse(false);
        return new Status(enabled, factor.isPresent() && !enabled,
                enabled ? recoveryCodes.countByAccountIdAndUsedAtIsNull(account.getId()) : 0, requiredFor(account),
                !account.isExternal());
    }

    private SecondFactor enabledFactor(Account account) {
        return factors.findById(account.getId()).filter(SecondFactor::isEnabled)
                .orElseThrow(() -> new AccountRuleViolation(null, "Two-step sign-in is not on."));
    }

    private String secretOf(SecondFactor factor) {
        return cipher.decrypt(factor.getSecretCiphertext(), SecondFactor.bindingOf(factor.getAccountId()));
    }

    private Enrolment enrolment(String username, String secret) {
        String label = encode(ISSUER + ":" + username);
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(ISSUER)
                + "&algorithm=SHA1&digits=" + TimeBasedOneTimePassword.DIGITS + "&period="
                + TimeBasedOneTimePassword.STEP_SECONDS;
        return new Enrolment(secret, uri, EnrolmentQrCode.svgDataUri(uri));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void requireLocal(Account account) {
        if (account.isExternal()) {
            throw new AccountRuleViolation(null, "Your account signs in through single sign-on: two-step sign-in is "
                    + "your identity provider's.");
        }
    }

    private Account own(String username) {
        return accounts.findByUsername(username)
                .orElseThrow(() -> new AccountRuleViolation(null, "Your account no longer exists."));
    }
}
