package dev.pipedeck.users;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * First run: when no account exists, create the first ADMIN from the environment, or else log a one-time setup URL
 * whose random token lets {@code /setup} create that ADMIN, and only while no account exists.
 */
@Component
public class FirstRunSetup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstRunSetup.class);

    private final AccountService accounts;
    private final FirstAdminProperties firstAdmin;
    private final Environment environment;
    private volatile String token;

    public FirstRunSetup(AccountService accounts, FirstAdminProperties firstAdmin, Environment environment) {
        this.accounts = accounts;
        this.firstAdmin = firstAdmin;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!accounts.noAccountExists()) {
            return;
        }
        if (firstAdmin.isSet()) {
            try {
                accounts.createFirstAdmin(firstAdmin.username(), firstAdmin.password());
                log.info("Created the first admin account '{}' from PIPEDECK_ADMIN_USERNAME.", firstAdmin.username());
                return;
            } catch (AccountRuleViolation refused) {
                log.error("PIPEDECK_ADMIN_USERNAME/PIPEDECK_ADMIN_PASSWORD refused: {} Falling back to the setup URL.",
                        refused.getMessage());
            } catch (RuntimeException anotherInstanceWasFirst) {
                // Several instances starting together on one database: one of them created the account, the
                // others' inserts fail on the unique username.
                if (!accounts.noAccountExists()) {
                    log.info("The first admin account was created by another Pipedeck instance.");
                    return;
                }
                throw anotherInstanceWasFirst;
            }
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.warn("No account exists yet. Create the first admin at http://localhost:{}/setup?token={} "
                + "(this link works once, until an account exists).", port, token);
    }

    /** True while setup is open and the token is the one logged at start. */
    public boolean accepts(String candidate) {
        String expected = token;
        if (expected == null || candidate == null || !accounts.noAccountExists()) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    public Account completeSetup(String candidateToken, String username, String password) {
        if (!accepts(candidateToken)) {
            throw new AccountRuleViolation(null, "This setup link is no longer valid.");
        }
        Account admin = accounts.createFirstAdmin(username, password);
        token = null;
        return admin;
    }
}
