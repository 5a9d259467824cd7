package dev.stratum.api;

/** A dependency (the store, a model) cannot serve right now; retrying later may succeed. */
public final class UnavailableException extends StratumException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
