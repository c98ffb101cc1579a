package dev.pipedeck.cloud;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The services of one connection, or why they could not be listed.
 *
 * @param connection the connection asked
 * @param services its services; empty when {@code error} is set
 * @param error why listing failed, or null
 */
public record ConnectionServices(CloudConnection connection, List<Service> services, @Nullable CloudException error) {

    public ConnectionServices {
        services = services == null ? List.of() : List.copyOf(services);
    }

    static ConnectionServices listed(CloudConnection connection, List<Service> services) {
        return new ConnectionServices(connection, services, null);
    }

    static ConnectionServices failed(CloudConnection connection, CloudException error) {
        return new ConnectionServices(connection, List.of(), error);
    }

    /** Whether the services could be listed. */
    public boolean succeeded() {
        return error == null;
    }
}
