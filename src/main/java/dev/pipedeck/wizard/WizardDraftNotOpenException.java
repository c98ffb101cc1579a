package dev.pipedeck.wizard;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

import dev.pipedeck.wizard.WizardDraft.DraftStatus;

/**
 * The draft can no longer be changed: its Create call is under way ({@link DraftStatus#CREATING}) or the pipe exists
 * ({@link DraftStatus#CREATED}). A 409.
 */
@ResponseStatus(HttpStatus.CONFLICT)
public class WizardDraftNotOpenException extends RuntimeException {

    private final String draftId;
    private final DraftStatus status;

    public WizardDraftNotOpenException(String draftId, DraftStatus status) {
        super("Wizard draft " + draftId + " is " + status + ", so it can no longer be changed");
        this.draftId = draftId;
        this.status = status;
    }

    public String draftId() {
        return draftId;
    }

    public DraftStatus status() {
        return status;
    }
}
