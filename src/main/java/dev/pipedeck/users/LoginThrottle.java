package dev.pipedeck.users;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts failed sign-ins per (username, client address) and per client address, in the database so that every
 * instance shares the counts. There is deliberately no lock on a username alone: someone elsewhere cannot lock a
 * real user out by failing on purpose.
 */
@Service
public class LoginThrottle {

    private final LoginThrottleRepository entries;
    private final LoginProperties rules;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public LoginThrottle(LoginThrottleRepository entries, LoginProperties rules, Clock clock,
            PlatformTransactionManager transactionManager) {
        this.entries = entries;
        this.rules = rules;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Where a sign-in stands before its credentials are checked: refused until when, and whether to clear a count. */
    public record Check(Instant blockedUntil, boolean userHasFailures) {

        public boolean blocked() {
            return blockedUntil != null;
        }
    }

    /** Both keys read in one transaction: is this username from this address (or this address at all) refused right now? */
    public Check check(String username, String address) {
        Instant now = clock.instant();
        String userKey = userKey(username, address);
        return transaction.execute(status -> {
            Instant latest = null;
            boolean userHasFailures = false;
            // Two primary-key lookups: measured faster than one findAllById (an IN query planned every time).
            for (String key : List.of(userKey, addressKey(address))) {
                LoginThrottleEntry entry = entries.findById(key).orElse(null);
                if (entry == null) {
                    continue;
                }
                userHasFailures |= key.equals(userKey);
                if (entry.isBlockedAt(now) && (latest == null || entry.blockedUntil().isAfter(latest))) {
                    latest = entry.blockedUntil();
                }
            }
            return new Check(latest, userHasFailures);
        });
    }

    public void recordFailure(String username, String address) {
        count(userKey(username, address), rules.maxFailuresPerUser());
        count(addressKey(address), rules.maxFailuresPerAddress());
    }

    /** A successful sign-in clears that user's count from that address (not the address's own count). */
    public void recordSuccess(String username, String address) {
        transaction.executeWithoutResult(status -> entries.deleteById(userKey(username, address)));
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void forgetStaleEntries() {
        Instant before = clock.instant().minus(rules.window()).minus(rules.block());
        transaction.executeWithoutResult(status -> entries.deleteStale(before));
    }

    private void count(String key, int limit) {
        try {
            countOnce(key, limit);
        } catch (DataIntegrityViolationException concurrentInsert) {
            countOnce(key, limit);
        }
    }

    private void countOnce(String key, int limit) {
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            LoginThrottleEntry entry = entries.findForUpdate(key).orElseGet(() -> new LoginThrottleEntry(key, now));
            entry.recordFailure(now, rules, limit);
            entries.saveAndFlush(entry);
        });
    }

    private static String userKey(String username, String address) {
        String name = Usernames.normalize(username);
        // Attempted usernames can be anything an attacker types: keep the key within its column.
        return "user:" + (name.length() > 128 ? name.substring(0, 128) : name) + "|" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
