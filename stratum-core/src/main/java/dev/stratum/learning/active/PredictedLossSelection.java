package dev.stratum.learning.active;

import dev.stratum.api.LabelScore;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.odd.uncertainty.Uncertainty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Loss prediction (after Yoo and Kweon 2019): a small regressor, trained beside the classifier, predicts how wrong the
 * classifier will be on an item, and the items with the highest predicted loss go first.
 *
 * <p>Yoo and Kweon train the predictor jointly on the network's hidden layers; our head is a linear model over a fixed
 * encoder, so the predictor is a ridge regression fitted on what the head can show: the embedding, and the head's
 * top two probabilities, margin and normalised entropy. Its targets are honest losses: each labelled example's
 * cross-entropy under a head trained on the other folds ({@code folds} trainings, plus one on all labelled examples
 * for the pool's features). The target is the log of the loss, so that a few very wrong examples do not dominate.
 */
final class PredictedLossSelection extends ScoredSelection {
    private static final double SMALLEST_PROBABILITY = 1e-6;
    private static final double RIDGE = 1.0;

    private final int folds;

    PredictedLossSelection(int folds) {
        if (folds < 2) {
            throw new IllegalArgumentException("out-of-fold losses need at least 2 folds, got " + folds);
        }
        this.folds = folds;
    }

    @Override
    public String name() {
        return SelectionStrategies.PREDICTED_LOSS;
    }

    @Override
    double[] scores(SelectionContext context) {
        TrainingSet labelled = context.labelled();
        int n = labelled.size();
        int[] fold = folds(n, context.seed());
        double[][] features = new double[n][];
        double[] targets = new double[n];
        for (int f = 0; f < folds; f++) {
            List<float[]> x = new ArrayList<>();
            List<String> y = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    x.add(labelled.x().get(i));
                    y.add(labelled.y().get(i));
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            TrainedHead head = context.trainer().train(new TrainingSet(x, y, labelled.labels()), context.seed() + f);
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    Distribution predicted = head.predict(labelled.x().get(i));
                    features[i] = features(labelled.x().get(i), predicted, labelled.labels().size());
                    double p = Math.max(SMALLEST_PROBABILITY, predicted.probability(labelled.y().get(i)));
                    targets[i] = Math.log(-Math.log(p) + SMALLEST_PROBABILITY);
                }
            }
        }
        RidgeRegression regression = RidgeRegression.fit(features, targets, RIDGE);
        TrainedHead full = context.trainer().train(labelled, context.seed() + folds);
        double[] scores = new double[context.pool().size()];
        for (int i = 0; i < scores.length; i++) {
            float[] v = context.pool().get(i);
            scores[i] = regression.predict(features(v, full.predict(v), labelled.labels().size()));
        }
        return scores;
    }

    /** Fold of each example: a seeded shuffle dealt round the folds, so every fold has examples when n >= folds. */
    private int[] folds(int n, long seed) {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] fold = new int[n];
        for (int k = 0; k < n; k++) {
            fold[order.get(k)] = k % folds;
        }
        return fold;
    }

    private static double[] features(float[] embedding, Distribution predicted, int labels) {
        double[] f = new double[embedding.length + 4];
        for (int d = 0; d < embedding.length; d++) {
            f[d] = embedding[d];
        }
        List<LabelScore> top = predicted.top(2);
        f[embedding.length] = top.get(0).score();
        f[embedding.length + 1] = top.size() > 1 ? top.get(1).score() : 0;
        f[embedding.length + 2] = Uncertainty.margin(predicted);
        f[embedding.length + 3] = labels > 1 ? Uncertainty.entropy(predicted) / Math.log(labels) : 0;
        return f;
    }
}
