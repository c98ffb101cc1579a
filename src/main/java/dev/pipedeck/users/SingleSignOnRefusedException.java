package dev.pipedeck.users;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The identity provider vouched for the user, but Pipedeck refuses them: no role for their groups, their account is
 * disabled, or their username is taken. The message is for the sign-in page and the audit record.
 */
public class SingleSignOnRefusedException extends OAuth2AuthenticationException {

    private final String username;

    SingleSignOnRefusedException(String username, String message) {
        super(new OAuth2Error("access_denied", message, null), message);
        this.username = username;
    }

    /** The Pipedeck username concerned, as far as it is known (may be empty). */
    public String username() {
        return username;
    }
}
