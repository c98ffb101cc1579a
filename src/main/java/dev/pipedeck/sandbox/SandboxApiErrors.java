package dev.pipedeck.sandbox;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every failure of a sandbox API call, answered in ClickHouse Cloud's error envelope. */
@RestControllerAdvice(assignableTypes = SandboxApiController.class)
class SandboxApiErrors {

    private static final Logger log = LoggerFactory.getLogger(SandboxApiErrors.class);

    private final SandboxWire wire;

    SandboxApiErrors(SandboxWire wire) {
        this.wire = wire;
    }

    @ExceptionHandler(SandboxApiException.class)
    ResponseEntity<byte[]> refused(SandboxApiException error, HttpServletRequest request) {
        return wire.error(request, error);
    }

    @ExceptionHandler(HttpMediaTypeException.class)
    ResponseEntity<byte[]> mediaType(HttpMediaTypeException error, HttpServletRequest request) {
        return wire.error(request, 400, "BAD_REQUEST", "Unsupported media type: send JSON (application/json)");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception error, HttpServletRequest request) {
        String requestId = SandboxWire.requestId(request);
        log.error("Sandbox request {} {} failed (request id {})", request.getMethod(), request.getRequestURI(),
                requestId, error);
        return wire.error(request, 500, "INTERNAL_SERVER_ERROR", "The sandbox failed unexpectedly; see the Pipedeck "
                + "log for request id " + requestId);
    }
}
