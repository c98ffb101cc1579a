package dev.pipedeck.users;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Password rules after OWASP ASVS 5 (V6.2): at least 12 characters, up to 128, no composition rules, and none of
 * the most common passwords. Characters are counted as Unicode code points, so any passphrase in any script works.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private final Set<String> commonPasswords;

    public PasswordPolicy() {
        this.commonPasswords = loadCommonPasswords();
    }

    /** The reason the password is refused, or empty when it may be used. */
    public Optional<String> check(String password, String username) {
        if (password == null || password.isEmpty()) {
            return Optional.of("Enter a password.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters (a few words make a good passphrase).");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("Use at most " + MAX_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (commonPasswords.contains(lower)) {
            return Optional.of("This password is one of the most common ones. Choose another.");
        }
        if (username != null && lower.equals(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("The password must not be the username.");
        }
        return Optional.empty();
    }

    private static Set<String> loadCommonPasswords() {
        Set<String> passwords = new HashSet<>();
        var resource = new ClassPathResource("users/common-passwords.txt");
        try (var reader = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    passwords.add(trimmed.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the common password list", e);
        }
        return Set.copyOf(passwords);
    }
}
