package dev.pipedeck.users;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on ({@code pipedeck.sso.*}).
 *
 * @param localLoginEnabled whether local accounts may sign in with their password; when false only the
 *        {@code breakGlassUsers} still may (on the pages and on {@code /api/v1}); API tokens keep working
 * @param breakGlassUsers local accounts that may sign in with their password even when local login is off
 * @param oidc the OpenID Connect identity provider; single sign-on is on when its issuer is set
 */
@ConfigurationProperties("pipedeck.sso")
public record SsoProperties(@DefaultValue("true") boolean localLoginEnabled,
        @DefaultValue List<String> breakGlassUsers, @DefaultValue Oidc oidc) {

    public SsoProperties {
        breakGlassUsers = breakGlassUsers.stream().map(Usernames::normalize).filter(u -> !u.isEmpty()).toList();
        if (!localLoginEnabled && !oidc.enabled()) {
            throw new IllegalArgumentException("pipedeck.sso.local-login-enabled=false needs single sign-on: set "
                    + "pipedeck.sso.oidc.issuer-uri (otherwise nobody but break-glass users could sign in)");
        }
    }

    /** May this (local) account sign in with its password? */
    public boolean passwordSignInAllowed(String username) {
        return localLoginEnabled || breakGlassUsers.contains(Usernames.normalize(username));
    }

    /**
     * The OpenID Connect identity provider ({@code pipedeck.sso.oidc.*}).
     *
     * @param issuerUri the issuer; its {@code /.well-known/openid-configuration} is read at the first sign-in
     * @param clientId Pipedeck's client id at the provider
     * @param clientSecret its client secret
     * @param displayName the provider's name on the sign-in button ("Sign in with …")
     * @param scopes the scopes asked for
     * @param usernameClaim the claim that names the Pipedeck account created at the first sign-in
     * @param roleClaim the claim (a list or a single value) matched against {@code roleMapping}
     * @param roleMapping claim value → role; the highest role among the matching values wins
     * @param defaultRole the role of a user none of whose values matches: VIEWER, OPERATOR, ADMIN, or NONE to refuse
     */
    public record Oidc(String issuerUri, String clientId, String clientSecret,
            @DefaultValue("single sign-on") String displayName,
            @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
            @DefaultValue("preferred_username") String usernameClaim, @DefaultValue("groups") String roleClaim,
            @DefaultValue Map<String, Role> roleMapping, @DefaultValue("VIEWER") String defaultRole) {

        public Oidc {
            issuerUri = issuerUri == null || issuerUri.isBlank() ? null : issuerUri.strip();
            if (issuerUri != null && (clientId == null || clientId.isBlank())) {
                throw new IllegalArgumentException("pipedeck.sso.oidc.client-id is required with an issuer-uri");
            }
            if (!scopes.contains("openid")) {
                throw new IllegalArgumentException("pipedeck.sso.oidc.scopes must include openid");
            }
            fallbackRole(defaultRole);
        }

        public boolean enabled() {
            return issuerUri != null;
        }

        /** The role of users none of whose claim values is mapped; empty to refuse them. */
        public Optional<Role> fallbackRole() {
            return fallbackRole(defaultRole);
        }

        private static Optional<Role> fallbackRole(String value) {
            String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
            if (name.equals("NONE")) {
                return Optional.empty();
            }
            try {
                return Optional.of(Role.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pipedeck.sso.oidc.default-role must be VIEWER, OPERATOR, ADMIN or "
                        + "NONE, not '" + value + "'");
            }
        }
    }
}
