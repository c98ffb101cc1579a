package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Username and password (schema {@code PLAIN}); also the schema registry credentials. Secret.
 *
 * @param username Database username.
 * @param password Database password.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlainCredentials(String username, String password) {

    /** Never prints secrets. */
    @Override
    public String toString() {
        return "PlainCredentials["
                + "username=" + username
                + ", password=" + (password == null ? null : "••••")
                + "]";
    }
}
