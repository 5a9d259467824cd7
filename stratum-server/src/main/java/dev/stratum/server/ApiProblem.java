package dev.stratum.server;

import java.util.Map;

/**
 * A client error found by the HTTP layer itself rather than by the service: a body over the limit, a wrong content
 * type, an unknown route. {@link ErrorMapping} turns it into a response like any other error.
 */
final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final transient Map<String, String> headers;

    ApiProblem(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    ApiProblem(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    static ApiProblem tooLarge(String what, long limitBytes) {
        return new ApiProblem(413, "body_too_large", what + " is larger than the limit of " + Bytes.describe(limitBytes)
                + "; send less per request (split the file, or fewer texts per batch)");
    }

    static ApiProblem unsupportedMediaType(String route, String expected, String got) {
        return new ApiProblem(415, "unsupported_media_type", route + " expects Content-Type " + expected + "; got "
                + (got == null || got.isBlank() ? "none" : "'" + got + "'"));
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }
}
