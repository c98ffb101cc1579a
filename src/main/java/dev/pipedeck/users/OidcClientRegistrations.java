package dev.pipedeck.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * The one client registration, read from the issuer's discovery document at the first sign-in rather than at
 * start-up, so Pipedeck starts (and local break-glass accounts can sign in) while the identity provider is
 * unreachable. A failed discovery is retried at most once a minute.
 */
class OidcClientRegistrations implements ClientRegistrationRepository {

    static final String REGISTRATION_ID = "oidc";
    private static final Duration RETRY_AFTER = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(OidcClientRegistrations.class);

    private final SsoProperties.Oidc oidc;
    private final Clock clock;
    private volatile ClientRegistration registration;
    private volatile Instant lastFailure;

    OidcClientRegistrations(SsoProperties.Oidc oidc, Clock clock) {
        this.oidc = oidc;
        this.clock = clock;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return REGISTRATION_ID.equals(registrationId) ? registration() : null;
    }

    private ClientRegistration registration() {
        ClientRegistration known = registration;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (registration == null) {
                Instant now = clock.instant();
                if (lastFailure != null && lastFailure.plus(RETRY_AFTER).isAfter(now)) {
                    return null;
                }
                try {
                    registration = ClientRegistrations.fromOidcIssuerLocation(oidc.issuerUri())
                            .registrationId(REGISTRATION_ID)
                            .clientId(oidc.clientId())
                            .clientSecret(oidc.clientSecret())
                            .clientName(oidc.displayName())
                            .scope(oidc.scopes())
                            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                            .build();
                    lastFailure = null;
                } catch (RuntimeException e) {
                    lastFailure = now;
                    log.error("Single sign-on unavailable: cannot read the OpenID configuration of {} ({})",
                            oidc.issuerUri(), e.getMessage());
                    return null;
                }
            }
            return registration;
        }
    }
}
