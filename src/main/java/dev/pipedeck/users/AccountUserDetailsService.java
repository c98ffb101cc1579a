package dev.pipedeck.users;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads local accounts for Spring Security's password check. External (single sign-on) accounts have no password:
 * to a password sign-in they are unknown, like a username that does not exist.
 */
@Service
public class AccountUserDetailsService implements UserDetailsService {

    private final AccountRepository accounts;

    public AccountUserDetailsService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByUsername(Usernames.normalize(username))
                .filter(account -> !account.isExternal())
                .map(SignedInUser::new)
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
    }
}
