package dev.stratum.odd.uncertainty;

import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.models.TrainingSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An ensemble of classifier heads, each trained on its own bootstrap resample of the examples and with its own seed,
 * whose disagreement measures what the examples leave undetermined (see {@link Uncertainty}).
 *
 * <p>Deterministic: member {@code m} draws its resample from a generator split off one seeded with {@code seed} and
 * trains with {@code seed + m}, so the same data and seed give the same members. Training costs {@code members} times
 * one head; predicting, {@code members} head evaluations.
 */
public final class HeadEnsemble {
    private final List<TrainedHead> members;

    private HeadEnsemble(List<TrainedHead> members) {
        this.members = List.copyOf(members);
    }

    /** Wraps heads trained elsewhere, for example loaded back from their artifacts. */
    public static HeadEnsemble of(List<TrainedHead> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one head");
        }
        return new HeadEnsemble(members);
    }

    /** Trains {@code size} heads on bootstrap resamples of {@code data}. */
    public static HeadEnsemble train(HeadTrainer trainer, TrainingSet data, int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("an ensemble needs at least 1 member, got " + size);
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot train an ensemble without examples; add validated examples");
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<TrainedHead> heads = new ArrayList<>(size);
        for (int m = 0; m < size; m++) {
            SplittableRandom random = root.split();
            List<float[]> x = new ArrayList<>(data.size());
            List<String> y = new ArrayList<>(data.size());
            for (int i = 0; i < data.size(); i++) {
                int pick = random.nextInt(data.size());
                x.add(data.x().get(pick));
                y.add(data.y().get(pick));
            }
            heads.add(trainer.train(new TrainingSet(x, y, data.labels()), seed + m));
        }
        return new HeadEnsemble(heads);
    }

    public List<TrainedHead> members() {
        return members;
    }

    /** Every member's distribution for {@code embedding}, in member order. */
    public List<Distribution> predictAll(float[] embedding) {
        List<Distribution> out = new ArrayList<>(members.size());
        for (TrainedHead head : members) {
            out.add(head.predict(embedding));
        }
        return out;
    }

    /** The mean distribution of the members with its entropy, margin and BALD mutual information. */
    public Uncertainty uncertainty(float[] embedding) {
        return Uncertainty.ofEnsemble(predictAll(embedding));
    }
}
