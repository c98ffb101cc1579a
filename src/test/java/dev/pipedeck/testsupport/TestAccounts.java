package dev.pipedeck.testsupport;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.pipedeck.users.Account;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/** Creates and changes real accounts through the service, as an admin would, for tests that sign in for real. */
public final class TestAccounts {

    public static final String PASSWORD = "a long enough passphrase";

    private TestAccounts() {
    }

    public static Account create(AccountService accounts, String username, Role role) {
        return asAdmin(() -> accounts.create(username, PASSWORD, role));
    }

    public static void asAdmin(Runnable action) {
        asAdmin(() -> {
            action.run();
            return null;
        });
    }

    public static <T> T asAdmin(Supplier<T> action) {
        return as("test-admin", Role.ADMIN, action);
    }

    /** Runs {@code action} signed in as {@code username} with {@code role}, as the services' method security sees it. */
    public static <T> T as(String username, Role role, Supplier<T> action) {
        var previous = SecurityContextHolder.getContext();
        try {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                    List.of(new SimpleGrantedAuthority(role.authority()))));
            SecurityContextHolder.setContext(context);
            return action.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
