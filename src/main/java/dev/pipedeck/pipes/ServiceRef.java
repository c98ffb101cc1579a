package dev.pipedeck.pipes;

/** Where a service lives: the ids in its URL {@code /organizations/{o}/services/{s}}. */
public record ServiceRef(String organizationId, String serviceId) {

    public PipeRef pipe(String pipeId) {
        return new PipeRef(organizationId, serviceId, pipeId);
    }

    /** The service's base path, relative to the application's context path. */
    public String path() {
        return "/organizations/" + organizationId + "/services/" + serviceId;
    }
}
