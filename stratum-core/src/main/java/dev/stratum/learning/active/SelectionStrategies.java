package dev.stratum.learning.active;

import java.util.List;

/** The selection strategies by name, for a task's setting or a bench's command line. */
public final class SelectionStrategies {
    public static final String RANDOM = "random";
    public static final String MARGIN = "margin";
    public static final String ENTROPY = "entropy";
    public static final String BALD = "bald";
    public static final String PREDICTED_LOSS = "predicted-loss";
    /** Put before a scored strategy's name for its {@link DiverseSelection diversity-aware batch}. */
    public static final String DIVERSE_PREFIX = "diverse-";

    /** Every name {@link #byName} knows. */
    public static final List<String> NAMES = List.of(RANDOM, MARGIN, ENTROPY, BALD, PREDICTED_LOSS,
            DIVERSE_PREFIX + MARGIN, DIVERSE_PREFIX + ENTROPY, DIVERSE_PREFIX + BALD,
            DIVERSE_PREFIX + PREDICTED_LOSS);

    /** Heads in BALD's bootstrap ensemble: five, as in the ODD checks' ensemble. */
    static final int ENSEMBLE_SIZE = 5;
    /** Folds of the out-of-fold losses the loss predictor learns from. */
    static final int LOSS_FOLDS = 3;
    /**
     * How many candidates per wanted item the diverse batch clusters; see {@link DiverseSelection}. One setting,
     * not tuned: on a validation split of the BANKING77 training file (docs/benchmarks.md) it reached random
     * sampling's accuracy at 3,000 labels with 1,154 labels against plain margin's 1,354.
     */
    static final int CANDIDATES_PER_PICK = 10;

    private SelectionStrategies() {}

    /** The strategy of a name in {@link #NAMES}; the message lists them when the name is unknown. */
    public static SelectionStrategy byName(String name) {
        if (RANDOM.equals(name)) {
            return new RandomSelection();
        }
        boolean diverse = name != null && name.startsWith(DIVERSE_PREFIX);
        ScoredSelection scored = scored(diverse ? name.substring(DIVERSE_PREFIX.length()) : name);
        if (scored == null) {
            throw new IllegalArgumentException("selection strategy '" + name + "' is not known; use one of "
                    + String.join(", ", NAMES));
        }
        return diverse ? new DiverseSelection(scored, CANDIDATES_PER_PICK) : scored;
    }

    private static ScoredSelection scored(String name) {
        return switch (name == null ? "" : name) {
            case MARGIN -> new MarginSelection();
            case ENTROPY -> new EntropySelection();
            case BALD -> new BaldSelection(ENSEMBLE_SIZE);
            case PREDICTED_LOSS -> new PredictedLossSelection(LOSS_FOLDS);
            default -> null;
        };
    }
}
