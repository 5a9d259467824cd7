package dev.stratum.learning.active.bench;

import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.api.store.Neighbour;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import dev.stratum.models.hyperlocal.HyperlocalModel;
import dev.stratum.odd.domain.ExactNeighbourSearch;
import java.util.ArrayList;
import java.util.List;

/**
 * The model the product would serve after training on some labelled examples: the hyperlocal model, a head trained on
 * them blended with an exact nearest-neighbour memory of them. Predicts many inputs at once, as the memory scans its
 * examples once per block of queries. The benches of active learning and of label errors both score with it.
 */
public final class BenchModel {
    private final HyperlocalModel model;
    private final ExactNeighbourSearch memory;
    private final int k;
    private final double trainSeconds;

    private BenchModel(HyperlocalModel model, ExactNeighbourSearch memory, int k, double trainSeconds) {
        this.model = model;
        this.memory = memory;
        this.k = k;
        this.trainSeconds = trainSeconds;
    }

    /** Trains the head on {@code labelled} with {@code seed} and keeps them all as the memory. */
    public static BenchModel train(TrainingSet labelled, HeadTrainer trainer, HyperlocalConfig blend, long seed) {
        long start = System.nanoTime();
        TrainedHead head = trainer.train(labelled, seed);
        double seconds = (System.nanoTime() - start) / 1e9;
        ExactNeighbourSearch memory = ExactNeighbourSearch.of(labelled.x(), labelled.y());
        return new BenchModel(HyperlocalModel.create(labelled.labels(), head, memory, blend), memory, blend.k(),
                seconds);
    }

    public List<Distribution> predictAll(List<float[]> inputs) {
        List<List<Neighbour>> neighbours = memory.nearestAll(inputs, k);
        List<Distribution> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            out.add(model.predict(inputs.get(i), neighbours.get(i)));
        }
        return out;
    }

    /** The share of {@code inputs} whose top label is the one given; a label the model lacks counts as wrong. */
    public double accuracy(List<float[]> inputs, List<String> labels) {
        List<Distribution> predicted = predictAll(inputs);
        int right = 0;
        for (int i = 0; i < inputs.size(); i++) {
            right += predicted.get(i).top().equals(labels.get(i)) ? 1 : 0;
        }
        return right / (double) inputs.size();
    }

    /** How long the head took to train. */
    public double trainSeconds() {
        return trainSeconds;
    }
}
