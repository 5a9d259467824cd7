package dev.stratum.learning.active;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PredictedLossSelectionTest {
    private static final SoftmaxRegressionTrainer TRAINER = new SoftmaxRegressionTrainer();

    /**
     * Labels a and b sit on their own axes with clean labels; around a third axis the labels are a coin toss between
     * a and b, so out-of-fold losses there are high. The loss predictor learns the region from the embedding and
     * ranks the pool items there first.
     */
    @Test
    void predicted_loss_ranks_the_region_with_unreliable_labels_first() {
        Blobs blobs = new Blobs(4);
        Random coin = new Random(8);
        List<String> labels = List.of("a", "b");
        List<float[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            x.add(blobs.near(Blobs.axis(0), 0.2));
            y.add("a");
            x.add(blobs.near(Blobs.axis(1), 0.2));
            y.add("b");
            x.add(blobs.near(Blobs.axis(2), 0.2));
            y.add(coin.nextBoolean() ? "a" : "b");
        }
        List<float[]> pool = new ArrayList<>(blobs.near(Blobs.axis(2), 0.2, 6));
        pool.addAll(blobs.near(Blobs.axis(0), 0.2, 12));
        pool.addAll(blobs.near(Blobs.axis(1), 0.2, 12));
        TrainingSet labelled = new TrainingSet(x, y, labels);
        TrainedHead head = TRAINER.train(labelled, 1);
        List<Distribution> predictions = pool.stream().map(head::predict).toList();

        List<Integer> picked = new PredictedLossSelection(3)
                .select(new SelectionContext(pool, predictions, labelled, TRAINER, 2), 6);

        assertThat(picked).allMatch(i -> i < 6);
    }
}
