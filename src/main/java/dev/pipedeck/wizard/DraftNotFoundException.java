package dev.pipedeck.wizard;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such draft for this user: it never existed, is someone else's, or expired. The page answers 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class DraftNotFoundException extends RuntimeException {

    public DraftNotFoundException(String id) {
        super("No wizard draft " + id + " for you (it may have expired after 24 hours)");
    }
}
