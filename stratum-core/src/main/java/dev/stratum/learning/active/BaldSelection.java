package dev.stratum.learning.active;

import dev.stratum.odd.uncertainty.HeadEnsemble;

/**
 * BALD (Houlsby et al. 2011; Gal, Islam and Ghahramani 2017): the items on which an ensemble of heads, each trained
 * on a bootstrap resample of the labelled examples, disagrees most: the mutual information between the label and
 * the model, which is high where more labels would settle the model and low where the item is merely ambiguous.
 * Costs {@code members} trainings per selection.
 */
final class BaldSelection extends ScoredSelection {
    private final int members;

    BaldSelection(int members) {
        if (members < 2) {
            throw new IllegalArgumentException("BALD needs an ensemble of at least 2 heads, got " + members);
        }
        this.members = members;
    }

    @Override
    public String name() {
        return SelectionStrategies.BALD;
    }

    @Override
    double[] scores(SelectionContext context) {
        HeadEnsemble ensemble = HeadEnsemble.train(context.trainer(), context.labelled(), members, context.seed());
        double[] scores = new double[context.pool().size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = ensemble.uncertainty(context.pool().get(i)).mutualInformation();
        }
        return scores;
    }
}
