package dev.pipedeck.users;

import java.util.Locale;
import java.util.regex.Pattern;

/** How usernames are written: lower-case letters, digits and . _ @ -, 3 to 64 characters. */
final class Usernames {

    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9._@-]{3,64}");

    private Usernames() {
    }

    static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    static void requireValid(String normalized) {
        if (!ALLOWED.matcher(normalized).matches()) {
            throw new AccountRuleViolation("username",
                    "Use 3 to 64 characters: letters, digits, and . _ @ - (no spaces).");
        }
    }
}
