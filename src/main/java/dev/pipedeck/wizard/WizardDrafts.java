package dev.pipedeck.wizard;

import java.util.Map;
import java.util.Optional;

/**
 * Where wizards in progress are kept, one row each, per owner. Typed secrets are stored encrypted with the master
 * keyset (bound to the draft's row) and never in plain text; they are dropped when the pipe is created, the draft is
 * discarded, or it expires. Role checks are the caller's ({@link PipeWizard}); this store only ever answers a draft to
 * its owner.
 */
public interface WizardDrafts {

    /** A new draft for {@code owner}, starting at step 1 with {@code prefill} (plain values only). */
    WizardDraft create(String owner, String organizationId, String serviceId, String kind, String type,
            Map<String, String> prefill);

    /** The owner's draft, unless it does not exist, belongs to someone else, or has expired. */
    Optional<WizardDraft> find(String id, String owner);

    /**
     * Saves what was typed: {@code values} replace those fields (null removes one), {@code secrets} are encrypted into
     * the draft (a blank secret keeps the one stored), and the step reached becomes {@code step}. Extends the expiry.
     */
    WizardDraft save(String id, String owner, int step, Map<String, String> values, Map<String, String> secrets);

    /** Removes one stored secret (the user asked to clear it). */
    WizardDraft forgetSecret(String id, String owner, String name);

    /**
     * Moves an OPEN draft to CREATING, atomically: true for exactly one caller, so a double click sends one create.
     * False when the draft is already CREATING or CREATED (or not the owner's).
     */
    boolean claimForCreate(String id, String owner);

    /** The create failed: back to OPEN with everything kept, so the user can fix and retry. */
    void releaseClaim(String id, String owner);

    /** The pipe exists: CREATED with its id, and the secrets dropped. */
    void markCreated(String id, String owner, String pipeId);

    /** Cancels the draft: the row and its secrets are deleted. */
    void discard(String id, String owner);

    /** Deletes expired drafts (and their secrets); answers how many. */
    int deleteExpired();
}
