package dev.stratum.learning.active;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiverseSelectionTest {
    private static final SoftmaxRegressionTrainer TRAINER = new SoftmaxRegressionTrainer();

    /**
     * The pool holds 12 near-copies of one text on the boundary between labels a and b, the most uncertain items of
     * all, and 3 items on each other boundary. Plain margin spends the whole batch on the copies; the diverse batch
     * takes one of them and covers the other boundaries.
     */
    @Test
    void diverse_batch_is_not_a_run_of_near_copies() {
        Blobs blobs = new Blobs(21);
        List<String> labels = List.of("a", "b", "c", "d");
        List<float[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            for (float[] v : blobs.near(Blobs.axis(c), 0.1, 5)) {
                x.add(v);
                y.add(labels.get(c));
            }
        }
        List<float[]> pool = new ArrayList<>(blobs.near(Blobs.between(0, 1), 0.003, 12));
        for (int[] pair : new int[][] {{1, 2}, {2, 3}, {0, 3}, {0, 2}}) {
            pool.addAll(blobs.near(Blobs.between(pair[0], pair[1]), 0.08, 3));
        }
        TrainingSet labelled = new TrainingSet(x, y, labels);
        TrainedHead head = TRAINER.train(labelled, 1);
        List<Distribution> predictions = pool.stream().map(head::predict).toList();
        SelectionContext context = new SelectionContext(pool, predictions, labelled, TRAINER, 3);

        List<Integer> plain = new MarginSelection().select(context, 5);
        List<Integer> diverse = new DiverseSelection(new MarginSelection(), 10).select(context, 5);

        assertThat(plain.stream().filter(i -> i < 12).count()).isGreaterThanOrEqualTo(4);
        assertThat(diverse.stream().filter(i -> i < 12).count()).isEqualTo(1);
        assertThat(diverse).hasSize(5).doesNotHaveDuplicates();
    }
}
