package dev.pipedeck.users;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns the identity the provider vouched for (ID token, and user info where the provider offers it) into the
 * Pipedeck account it is linked to, with its role re-read from the claims.
 */
class SingleSignOnUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService identities = new OidcUserService();
    private final SingleSignOnAccounts accounts;

    SingleSignOnUserService(SingleSignOnAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser identity = identities.loadUser(request);
        Account account = accounts.signIn(identity.getIdToken().getIssuer().toString(), identity.getSubject(),
                identity.getClaims());
        return new SignedInOidcUser(identity, account);
    }
}
