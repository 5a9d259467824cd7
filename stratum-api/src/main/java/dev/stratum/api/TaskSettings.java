package dev.stratum.api;

import dev.stratum.api.lifecycle.ModelPolicy;

/**
 * Per-task knobs of the loop.
 *
 * @param hyperlocalThreshold the hyperlocal model answers when its top probability is at least this, otherwise the
 *     general model does; null (the default) uses the threshold each trained model chose by cross-validation on its
 *     training examples, where the cascade of the two layers made the fewest mistakes
 * @param retrainEvery retrain in the background after this many new validated examples (0 turns it off)
 * @param lifecycle how newly trained versions go into service (gate, shadow, canary, promotion, rollback); null for
 *     {@link ModelPolicy#DEFAULT}
 * @param generalLayer what answers when the hyperlocal layer does not (a classification task); null for
 *     {@link GeneralLayer#LOCAL}
 * @param activeLearning how the review queue is ordered; null for {@link ActiveLearning#DEFAULT}
 */
public record TaskSettings(Double hyperlocalThreshold, int retrainEvery, ModelPolicy lifecycle,
        GeneralLayer generalLayer, ActiveLearning activeLearning) {
    public static final TaskSettings DEFAULTS = new TaskSettings(null, 50);

    /** Settings with the default lifecycle and the local general layer. */
    public TaskSettings(Double hyperlocalThreshold, int retrainEvery) {
        this(hyperlocalThreshold, retrainEvery, null, null);
    }

    /** Settings with the local general layer. */
    public TaskSettings(Double hyperlocalThreshold, int retrainEvery, ModelPolicy lifecycle) {
        this(hyperlocalThreshold, retrainEvery, lifecycle, null);
    }

    /** Settings with the default active learning. */
    public TaskSettings(Double hyperlocalThreshold, int retrainEvery, ModelPolicy lifecycle,
            GeneralLayer generalLayer) {
        this(hyperlocalThreshold, retrainEvery, lifecycle, generalLayer, null);
    }

    public TaskSettings {
        generalLayer = generalLayer == null ? GeneralLayer.LOCAL : generalLayer;
        activeLearning = activeLearning == null ? ActiveLearning.DEFAULT : activeLearning;
        if (hyperlocalThreshold != null && !(hyperlocalThreshold >= 0 && hyperlocalThreshold <= 1)) {
            throw new InvalidRequestException("invalid_settings",
                    "hyperlocal_threshold must be between 0 and 1 (or null for the threshold chosen at training), got "
                            + hyperlocalThreshold);
        }
        if (retrainEvery < 0) {
            throw new InvalidRequestException("invalid_settings",
                    "retrain_every must be 0 (off) or a positive number of examples, got " + retrainEvery);
        }
    }
}
