package dev.pipedeck.users;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The principal of a session signed in through the identity provider: the OIDC user (its ID token and claims) as
 * the Pipedeck account it is linked to, with that account's role (set from the claims at this sign-in) as its only
 * authority, and its name the account's username.
 */
public final class SignedInOidcUser implements OidcUser, AccountPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final OidcIdToken idToken;
    private final OidcUserInfo userInfo;
    private final Map<String, Object> claims;
    private final long accountId;
    private final String username;
    private final Role role;
    private final int sessionVersion;

    SignedInOidcUser(OidcUser identity, Account account) {
        this.idToken = identity.getIdToken();
        this.userInfo = identity.getUserInfo();
        this.claims = new LinkedHashMap<>(identity.getClaims());
        this.accountId = account.getId();
        this.username = account.getUsername();
        this.role = account.getRole();
        this.sessionVersion = account.getSessionVersion();
    }

    @Override
    public long accountId() {
        return accountId;
    }

    @Override
    public String username() {
        return username;
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
    public Map<String, Object> getClaims() {
        return claims;
    }

    @Override
    public OidcUserInfo getUserInfo() {
        return userInfo;
    }

    @Override
    public OidcIdToken getIdToken() {
        return idToken;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return claims;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedInOidcUser other && other.accountId == accountId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(accountId);
    }

    @Override
    public String toString() {
        return "SignedInOidcUser[" + username + ", " + role + "]";
    }
}
