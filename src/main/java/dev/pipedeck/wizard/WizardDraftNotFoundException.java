package dev.pipedeck.wizard;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such draft for this user: it never existed, belongs to someone else, was discarded, or expired. A 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class WizardDraftNotFoundException extends RuntimeException {

    private final String draftId;

    public WizardDraftNotFoundException(String draftId) {
        super("No wizard draft " + draftId + " for this user (it may have expired)");
        this.draftId = draftId;
    }

    public String draftId() {
        return draftId;
    }
}
