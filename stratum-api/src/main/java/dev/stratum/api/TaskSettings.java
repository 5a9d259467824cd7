package dev.stratum.api;

/**
 * Per-task knobs of the loop.
 *
 * @param hyperlocalThreshold the hyperlocal model answers when its top probability is at least this; otherwise the
 *     general model does
 * @param retrainEvery retrain in the background after this many new validated examples (0 turns it off)
 */
public record TaskSettings(double hyperlocalThreshold, int retrainEvery) {
    public static final TaskSettings DEFAULTS = new TaskSettings(0.5, 50);

    public TaskSettings {
        if (!(hyperlocalThreshold >= 0 && hyperlocalThreshold <= 1)) {
            throw new InvalidRequestException("invalid_settings",
                    "hyperlocal_threshold must be between 0 and 1, got " + hyperlocalThreshold);
        }
        if (retrainEvery < 0) {
            throw new InvalidRequestException("invalid_settings",
                    "retrain_every must be 0 (off) or a positive number of examples, got " + retrainEvery);
        }
    }
}
