package dev.pipedeck.alerts;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A rule or channel id that names nothing (deleted, or never there): the page answers 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownAlertObjectException extends RuntimeException {

    public UnknownAlertObjectException(String what, long id) {
        super("No alert " + what + " " + id);
    }
}
