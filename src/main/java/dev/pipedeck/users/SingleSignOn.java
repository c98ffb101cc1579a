package dev.pipedeck.users;

import java.time.Clock;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

import dev.pipedeck.audit.AuditLog;

/**
 * Single sign-on with the OpenID Connect provider of {@code pipedeck.sso.oidc}, when its issuer is set; without it,
 * nothing of this is wired into the sign-in chain and the sign-in page offers passwords only. What the page chain
 * needs: the client registration, the provider that checks the ID token and maps the account (for the chain's own
 * authentication manager), and the failure handler that records every refused single sign-on.
 */
@Component
public class SingleSignOn {

    private final SsoProperties properties;
    private final OidcClientRegistrations registrations;
    private final SingleSignOnAccounts accounts;
    private final AuditLog audit;

    public SingleSignOn(SsoProperties properties, SingleSignOnAccounts accounts, AuditLog audit, Clock clock) {
        this.properties = properties;
        this.accounts = accounts;
        this.audit = audit;
        this.registrations = properties.oidc().enabled() ? new OidcClientRegistrations(properties.oidc(), clock) : null;
    }

    public boolean enabled() {
        return registrations != null;
    }

    /** The provider's name on the sign-in button. */
    public String displayName() {
        return properties.oidc().displayName();
    }

    /** Where the sign-in button leads: Spring Security redirects from there to the provider. */
    public String loginPath() {
        return "/oauth2/authorization/" + OidcClientRegistrations.REGISTRATION_ID;
    }

    public boolean localLoginEnabled() {
        return properties.localLoginEnabled();
    }

    /** Whether some local accounts may still use their password while local login is off. */
    public boolean breakGlassConfigured() {
        return !properties.breakGlassUsers().isEmpty();
    }

    public ClientRegistrationRepository registrations() {
        requireEnabled();
        return registrations;
    }

    public OAuth2AuthorizedClientRepository authorizedClients() {
        return new DiscardedAuthorizedClients();
    }

    /** Exchanges the code, checks the ID token (signature, issuer, audience, expiry, nonce) and maps the account. */
    AuthenticationProvider authenticationProvider() {
        requireEnabled();
        return new OidcAuthorizationCodeAuthenticationProvider(new RestClientAuthorizationCodeTokenResponseClient(),
                new SingleSignOnUserService(accounts));
    }

    public AuthenticationFailureHandler failureHandler() {
        return new SingleSignOnFailureHandler(audit, properties.oidc().displayName());
    }

    private void requireEnabled() {
        if (registrations == null) {
            throw new IllegalStateException("Single sign-on is not configured (pipedeck.sso.oidc.issuer-uri)");
        }
    }
}
