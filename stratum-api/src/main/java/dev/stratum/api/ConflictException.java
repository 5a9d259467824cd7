package dev.stratum.api;

/** The request is well-formed but clashes with the current state (a task id already taken, a label still in use). */
public final class ConflictException extends StratumException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String code, String message) {
        super(code, message);
    }
}
