package dev.stratum.learning.active.bench;

import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.learning.active.SelectionContext;
import dev.stratum.learning.active.SelectionStrategies;
import dev.stratum.learning.active.SelectionStrategy;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated labelling loop: one strategy, one seed. The training file is the pool; its labels are revealed only
 * for the items the strategy selects. Each round retrains the model on what is labelled, scores it on the test rows,
 * and asks the strategy for the next batch, until the budget is spent or the pool is empty.
 */
final class ActiveLoop {
    /**
     * @param trainSeconds mean time to train the head, per round
     * @param selectSeconds mean time to predict the pool and select a batch, per round
     */
    record Run(List<CurvePoint> curve, double trainSeconds, double selectSeconds) {}

    private final LabelledVectors train;
    private final LabelledVectors test;
    private final List<String> labelSpace;
    private final HeadTrainer trainer;
    private final HyperlocalConfig blend;

    ActiveLoop(LabelledVectors train, LabelledVectors test, HeadTrainer trainer, HyperlocalConfig blend) {
        this.train = train;
        this.test = test;
        this.labelSpace = train.labelSpace();
        this.trainer = trainer;
        this.blend = blend;
    }

    Run run(SelectionStrategy strategy, int seedPerLabel, int batch, int budget, long seed) {
        boolean[] revealed = new boolean[train.size()];
        List<Integer> labelled = new ArrayList<>();
        if (seedPerLabel > 0) {
            labelled.addAll(train.samplePerLabel(seedPerLabel, seed));
        } else {
            labelled.addAll(strategy.select(SelectionContext.coldStart(train.vectors(), labelSpace, trainer, seed),
                    Math.min(batch, budget)));
        }
        labelled.forEach(i -> revealed[i] = true);
        List<CurvePoint> curve = new ArrayList<>();
        double trainSeconds = 0;
        double selectSeconds = 0;
        for (int round = 0; ; round++) {
            TrainingSet set = trainingSet(labelled);
            BenchModel model = BenchModel.train(set, trainer, blend, seed);
            trainSeconds += model.trainSeconds();
            curve.add(new CurvePoint(labelled.size(), model.accuracy(test.vectors(), test.labels())));
            int wanted = Math.min(batch, budget - labelled.size());
            List<Integer> pool = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                if (!revealed[i]) {
                    pool.add(i);
                }
            }
            if (wanted <= 0 || pool.isEmpty()) {
                return new Run(curve, trainSeconds / curve.size(), selectSeconds / Math.max(1, round));
            }
            long start = System.nanoTime();
            List<float[]> poolVectors = pool.stream().map(train.vectors()::get).toList();
            // Random sampling needs no predictions; the others rank by the model's view of each pool item.
            List<Distribution> predictions = strategy.name().equals(SelectionStrategies.RANDOM)
                    ? List.of()
                    : model.predictAll(poolVectors);
            SelectionContext context =
                    new SelectionContext(poolVectors, predictions, set, trainer, seed * 1_000_003L + round);
            for (int picked : strategy.select(context, wanted)) {
                int row = pool.get(picked);
                revealed[row] = true;
                labelled.add(row);
            }
            selectSeconds += (System.nanoTime() - start) / 1e9;
        }
    }

    /** The accuracy of the model trained on every training row. */
    double fullAccuracy(long seed) {
        List<Integer> all = new ArrayList<>(train.size());
        for (int i = 0; i < train.size(); i++) {
            all.add(i);
        }
        return BenchModel.train(trainingSet(all), trainer, blend, seed).accuracy(test.vectors(), test.labels());
    }

    private TrainingSet trainingSet(List<Integer> rows) {
        return new TrainingSet(rows.stream().map(train.vectors()::get).toList(),
                rows.stream().map(train.labels()::get).toList(), labelSpace);
    }
}
