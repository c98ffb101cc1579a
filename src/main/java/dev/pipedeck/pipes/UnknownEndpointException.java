package dev.pipedeck.pipes;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A reverse private endpoint id that cannot be one (ids are UUIDs): the page answers 404 and nothing is sent. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownEndpointException extends RuntimeException {

    public UnknownEndpointException(String endpointId) {
        super("No reverse private endpoint " + endpointId);
    }
}
