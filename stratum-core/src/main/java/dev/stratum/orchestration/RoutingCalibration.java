package dev.stratum.orchestration;

import dev.stratum.api.Example;
import dev.stratum.api.models.Distribution;
import dev.stratum.learning.training.HyperlocalTraining;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Chooses where the hyperlocal layer takes over from the general one. By k-fold cross-validation on the task's own
 * examples (never on data held out for testing; on a random sample of at most {@value #MAX_EXAMPLES} of them), it
 * records for each example the hyperlocal model's confidence and whether each layer was right, then picks the
 * confidence threshold at which the cascade makes the fewest mistakes; ties go to the lower threshold, so the
 * hyperlocal layer answers wherever it is at least as good.
 */
final class RoutingCalibration {
    static final int FOLDS = 4;
    /** Below this many examples per fold, cross-validation says too little; the fallback threshold applies. */
    static final int MIN_EXAMPLES = 8 * FOLDS;
    /**
     * Cross-validation runs on a random sample of at most this many examples. The exact nearest-neighbour search of
     * each fold costs held-out times training examples, so a task of 100,000 examples would take hours; a sample of
     * 4,000 bounds it, and the threshold is still chosen from 4,000 held-out outcomes.
     */
    static final int MAX_EXAMPLES = 4_000;

    private RoutingCalibration() {}

    /** The outcome of one held-out example. */
    private record Outcome(double confidence, boolean hyperlocalRight, boolean generalRight) {}

    /** The chosen threshold, or null when there are too few examples to choose one. */
    static Double chooseThreshold(TaskRuntime runtime, List<Example> examples, Map<String, float[]> vectors,
            HyperlocalTraining training, int neighbours, long seed) {
        if (examples.size() < MIN_EXAMPLES) {
            return null;
        }
        List<Example> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed));
        if (shuffled.size() > MAX_EXAMPLES) {
            shuffled = new ArrayList<>(shuffled.subList(0, MAX_EXAMPLES));
        }
        List<Outcome> outcomes = new ArrayList<>(shuffled.size());
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Example> train = new ArrayList<>();
            List<Example> test = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) {
                (i % FOLDS == fold ? test : train).add(shuffled.get(i));
            }
            train.sort((a, b) -> Long.compare(a.id(), b.id()));
            var result = training.train(runtime.task(), train, vectors, "cv", "routing-calibration");
            Cascade.NeighbourLookup memory = Cascade.NeighbourLookup.over(train, vectors);
            TaskRuntime candidate = runtime.withHead(result.head(), null, null);
            for (Example example : test) {
                float[] vector = vectors.get(example.text());
                Distribution hyperlocal = candidate.hyperlocal().predict(vector,
                        memory.nearest(runtime.task().id(), vector, neighbours));
                Distribution general = runtime.general().predict(vector);
                outcomes.add(new Outcome(hyperlocal.confidence(), hyperlocal.top().equals(example.label()),
                        general.top().equals(example.label())));
            }
        }
        return bestThreshold(outcomes);
    }

    private static double bestThreshold(List<Outcome> outcomes) {
        double best = 0;
        long fewest = Long.MAX_VALUE;
        for (int step = 0; step <= 20; step++) {
            double threshold = step / 20.0;
            long mistakes = 0;
            for (Outcome o : outcomes) {
                boolean right = o.confidence() >= threshold ? o.hyperlocalRight() : o.generalRight();
                mistakes += right ? 0 : 1;
            }
            if (mistakes < fewest) {
                fewest = mistakes;
                best = threshold;
            }
        }
        return best;
    }
}
