package dev.pipedeck.pipes;

/** Where a pipe lives: the ids in its URL {@code /organizations/{o}/services/{s}/pipes/{p}}. */
public record PipeRef(String organizationId, String serviceId, String pipeId) {

    public ServiceRef service() {
        return new ServiceRef(organizationId, serviceId);
    }

    /** The pipe's page, relative to the application's context path. */
    public String path() {
        return service().path() + "/pipes/" + pipeId;
    }
}
