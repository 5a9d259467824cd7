package dev.stratum.api;

/**
 * The root of every error Stratum raises on purpose. Subtypes say what the caller can do about it;
 * {@link #code()} is a stable machine-readable identifier that the HTTP layer puts in error bodies.
 */
public class StratumException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public StratumException(String code, String message) {
        super(message);
        this.code = code;
    }

    public StratumException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable, snake_case identifier of the kind of error, for example {@code task_not_found}. */
    public String code() {
        return code;
    }
}
