package dev.stratum.learning.active;

import java.util.ArrayList;
import java.util.List;

/**
 * A strategy's choice from a pool with the score each chosen item was ranked by, for a review queue that shows why an
 * item comes first. The choice is exactly the strategy's {@link SelectionStrategy#select selection}.
 */
public final class QueueRanking {
    /** The name a ranking made before the first model carries: every strategy starts with a cold start. */
    public static final String COLD_START = "cold-start";

    private QueueRanking() {}

    /**
     * One chosen item.
     *
     * @param index the item's index in the pool
     * @param score what the strategy ranked by, higher first (a scored strategy's score; for a cold start the share
     *     of the pool in the item's cluster); null for random sampling
     */
    public record Pick(int index, Double score) {}

    /**
     * A ranking.
     *
     * @param strategy the strategy's name, or {@link #COLD_START} when there was no model to rank by (random stays
     *     random)
     * @param picks the chosen items, the one to review first first
     */
    public record Result(String strategy, List<Pick> picks) {
        public Result {
            picks = List.copyOf(picks);
        }
    }

    /** Up to {@code count} items of the context's pool chosen by {@code strategy}, with their scores. */
    public static Result rank(SelectionStrategy strategy, SelectionContext context, int count) {
        if (strategy instanceof RandomSelection) {
            return new Result(strategy.name(), strategy.select(context, count).stream()
                    .map(i -> new Pick(i, null)).toList());
        }
        if (!context.hasModel()) {
            List<Double> shares = new ArrayList<>();
            List<Integer> seed = ColdStart.select(context.pool(), count, context.seed(), shares);
            List<Pick> picks = new ArrayList<>(seed.size());
            for (int j = 0; j < seed.size(); j++) {
                picks.add(new Pick(seed.get(j), shares.get(j)));
            }
            return new Result(COLD_START, picks);
        }
        List<Integer> chosen;
        double[] scores;
        switch (strategy) {
            case ScoredSelection s -> {
                scores = s.scores(context);
                chosen = ScoredSelection.best(scores, count);
            }
            case DiverseSelection d -> {
                scores = d.base().scores(context);
                chosen = d.select(context, scores, count);
            }
            default -> throw new IllegalArgumentException("strategy '" + strategy.name() + "' gives no scores");
        }
        return new Result(strategy.name(), chosen.stream().map(i -> new Pick(i, scores[i])).toList());
    }
}
