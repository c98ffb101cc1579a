package dev.pipedeck.wizard;

import java.time.Instant;

/**
 * A wizard in progress, stored on the server for its owner: where the pipe will be created, the source kind and type,
 * the step reached, the values typed (secrets decrypted only in memory), and, once created, the new pipe's id.
 */
public record WizardDraft(String id, String owner, String organizationId, String serviceId, String kind, String type,
        int step, WizardValues values, DraftStatus status, String createdPipeId, Instant createdAt, Instant updatedAt,
        Instant expiresAt) {

    public enum DraftStatus {
        /** Being filled in. */
        OPEN,
        /** A Create call is under way: a second click must not send another. */
        CREATING,
        /** The pipe exists ({@link #createdPipeId()}); the secrets are gone. */
        CREATED
    }
}
