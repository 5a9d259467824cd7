package dev.stratum.learning.active;

import dev.stratum.odd.uncertainty.Uncertainty;

/** Margin sampling: the items whose two likeliest labels are closest in probability. */
final class MarginSelection extends ScoredSelection {
    @Override
    public String name() {
        return SelectionStrategies.MARGIN;
    }

    @Override
    double[] scores(SelectionContext context) {
        double[] scores = new double[context.pool().size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = 1 - Uncertainty.margin(context.predictions().get(i));
        }
        return scores;
    }
}
