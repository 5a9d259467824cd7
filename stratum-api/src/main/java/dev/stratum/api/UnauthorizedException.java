package dev.stratum.api;

/** The request carries no API key, or one that Stratum does not know. */
public final class UnauthorizedException extends StratumException {
    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String message) {
        super("unauthorized", message);
    }
}
