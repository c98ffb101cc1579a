package dev.pipedeck.sandbox;

/**
 * An error the sandbox answers in ClickHouse Cloud's error envelope: {@code {"status":N,"requestId":"…","error":"CODE:
 * message"}}.
 */
class SandboxApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String detail;

    SandboxApiException(int status, String code, String detail) {
        super(code + ": " + detail);
        this.status = status;
        this.code = code;
        this.detail = detail;
    }

    /** 400 naming the field at fault: {@code BAD_REQUEST: <field>: <what is wrong>}. */
    static SandboxApiException badRequest(String field, String whatIsWrong) {
        return new SandboxApiException(400, "BAD_REQUEST", field.isEmpty() ? whatIsWrong : field + ": " + whatIsWrong);
    }

    static SandboxApiException notFound(String what) {
        return new SandboxApiException(404, "NOT_FOUND", what);
    }

    static SandboxApiException forbidden(String what) {
        return new SandboxApiException(403, "FORBIDDEN", what);
    }

    static SandboxApiException unauthorized(String what) {
        return new SandboxApiException(401, "UNAUTHORIZED", what);
    }

    /** 424: the service is not running, so ClickPipes calls cannot be served. */
    static SandboxApiException serviceNotRunning(String serviceId, String state) {
        return new SandboxApiException(424, "FAILED_DEPENDENCY",
                "Service " + serviceId + " is not running. Current state: " + state);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The message without the code. */
    String detail() {
        return detail;
    }
}
