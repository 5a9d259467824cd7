package dev.stratum.api;

import java.util.List;

/**
 * How a task's review queue is ordered: the active-learning strategy that ranks every unvalidated item the task has
 * seen, and how many of the best it puts in the queue at each ranking.
 *
 * @param strategy one of {@link #STRATEGIES}; null for {@link #DEFAULT_STRATEGY}
 * @param batch how many items each ranking queues, from 1 to {@link #MAX_BATCH}; null for {@link #DEFAULT_BATCH}
 */
public record ActiveLearning(String strategy, Integer batch) {
    /** Every strategy a task may name (the names of {@code dev.stratum.learning.active.SelectionStrategies}). */
    public static final List<String> STRATEGIES = List.of("random", "margin", "entropy", "bald", "predicted-loss",
            "diverse-margin", "diverse-entropy", "diverse-bald", "diverse-predicted-loss");
    /**
     * Margin within k-means clusters: on a validation split of BANKING77's training file it needed the fewest labels
     * to reach random sampling's accuracy at 3,000 labels (docs/benchmarks.md), at a few seconds per ranking.
     */
    public static final String DEFAULT_STRATEGY = "diverse-margin";
    public static final int DEFAULT_BATCH = 100;
    public static final int MAX_BATCH = 1000;
    public static final ActiveLearning DEFAULT = new ActiveLearning(null, null);

    public ActiveLearning {
        strategy = strategy == null ? DEFAULT_STRATEGY : strategy.strip();
        batch = batch == null ? DEFAULT_BATCH : batch;
        if (!STRATEGIES.contains(strategy)) {
            throw new InvalidRequestException("invalid_settings", "active_learning.strategy '" + strategy
                    + "' is not known; use one of " + String.join(", ", STRATEGIES));
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw new InvalidRequestException("invalid_settings", "active_learning.batch must be from 1 to "
                    + MAX_BATCH + " items per ranking, got " + batch);
        }
    }
}
