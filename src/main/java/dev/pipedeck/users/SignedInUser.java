package dev.pipedeck.users;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The principal of a signed-in session. It remembers the account's session version at sign-in, so a password
 * reset, role change or disable ends the session on its next request (see {@link AccountSessionFilter}).
 */
public final class SignedInUser implements UserDetails, CredentialsContainer, AccountPrincipal {

    private final long accountId;
    private final String username;
    private String passwordHash;
    private final Role role;
    private final boolean enabled;
    private final int sessionVersion;

    SignedInUser(Account account) {
        this(account.getId(), account.getUsername(), account.getPasswordHash(), account.getRole(), account.isEnabled(),
                account.getSessionVersion());
    }

    private SignedInUser(long accountId, String username, String passwordHash, Role role, boolean enabled,
            int sessionVersion) {
        this.accountId = accountId;
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.enabled = enabled;
        this.sessionVersion = sessionVersion;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public long accountId() {
        return accountId;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public int sessionVersion() {
        return sessionVersion;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedInUser other && other.accountId == accountId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(accountId);
    }

    @Override
    public String toString() {
        return "SignedInUser[" + username + ", " + role + "]";
    }
}
