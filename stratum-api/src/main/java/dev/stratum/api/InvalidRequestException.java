package dev.stratum.api;

/** The caller sent something Stratum cannot accept; the message says what and how to fix it. */
public final class InvalidRequestException extends StratumException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String code, String message) {
        super(code, message);
    }

    public InvalidRequestException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
