package dev.pipedeck.orgs;

/** A connection declared in configuration is changed there, not in the UI. */
public class ConnectionManagedByConfigException extends RuntimeException {

    public ConnectionManagedByConfigException(String organizationId) {
        super("The connection to " + organizationId
                + " is declared in configuration (pipedeck.organizations[...]); change it there and restart.");
    }
}
