package dev.stratum.learning.active;

import dev.stratum.odd.uncertainty.Uncertainty;

/** Entropy sampling: the items whose predicted distribution over all labels is most spread out. */
final class EntropySelection extends ScoredSelection {
    @Override
    public String name() {
        return SelectionStrategies.ENTROPY;
    }

    @Override
    double[] scores(SelectionContext context) {
        double[] scores = new double[context.pool().size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Uncertainty.entropy(context.predictions().get(i));
        }
        return scores;
    }
}
