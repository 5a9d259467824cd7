package dev.stratum.api;

/** A named thing (task, prediction, example, model version) does not exist. */
public final class NotFoundException extends StratumException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String code, String message) {
        super(code, message);
    }
}
