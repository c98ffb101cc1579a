package dev.pipedeck.orgs;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No connection for this organization ID: the page or API answers 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownOrganizationException extends RuntimeException {

    private final String organizationId;

    public UnknownOrganizationException(String organizationId) {
        super("No organization connection for " + organizationId);
        this.organizationId = organizationId;
    }

    public String organizationId() {
        return organizationId;
    }
}
