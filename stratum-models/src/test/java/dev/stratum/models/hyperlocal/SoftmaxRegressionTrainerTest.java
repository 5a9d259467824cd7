package dev.stratum.models.hyperlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.models.TrainingSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxRegressionTrainerTest {
    private static final List<String> LABELS = List.of("travel", "meals", "software", "office");
    private final SoftmaxRegressionTrainer trainer = new SoftmaxRegressionTrainer();

    @Test
    void train_sameDataAndSeed_givesIdenticalBytes() {
        TrainingSet data = ToyData.blobs(LABELS, 4, 20, 7);

        byte[] first = trainer.train(data, 42).toBytes();
        byte[] second = trainer.train(data, 42).toBytes();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void train_anotherSeed_shufflesDifferently() {
        TrainingSet data = ToyData.blobs(LABELS, 4, 20, 7);

        assertThat(trainer.train(data, 1).toBytes()).isNotEqualTo(trainer.train(data, 2).toBytes());
    }

    @Test
    void train_separableBlobs_classifiesUnseenPointsCorrectly() {
        TrainedHead head = trainer.train(ToyData.blobs(LABELS, 4, 20, 7), 1);

        Random random = new Random(99);
        for (int i = 0; i < 50; i++) {
            int label = i % 4;
            Distribution d = head.predict(ToyData.noisy(label, random, 0.15));
            assertThat(d.top()).isEqualTo(LABELS.get(label));
        }
        assertThat(head.predict(ToyData.centre(2)).confidence()).isGreaterThan(0.9);
    }

    @Test
    void train_labelWithoutExamples_isKeptWithProbabilityNearZero() {
        TrainedHead head = trainer.train(ToyData.blobs(LABELS, 3, 20, 7), 1);

        Distribution d = head.predict(ToyData.centre(0));

        assertThat(d.scores()).hasSize(4);
        assertThat(d.probability("office")).isLessThan(0.01);
    }

    @Test
    void train_reportsKindAndHyperparameters() {
        TrainedHead head = trainer.train(ToyData.blobs(LABELS, 4, 5, 7), 3);

        assertThat(head.kind()).isEqualTo("softmax-regression").isEqualTo(trainer.kind());
        assertThat(head.hyperparameters())
                .containsEntry("seed", 3L)
                .containsEntry("examples", 20)
                .containsEntry("l2", SoftmaxRegressionConfig.DEFAULTS.l2())
                .containsEntry("min_steps", SoftmaxRegressionConfig.DEFAULTS.minSteps())
                .containsEntry("dimension", ToyData.centre(0).length)
                .containsKeys("epochs", "steps", "learning_rate", "batch_size", "class_balanced", "optimizer");
    }

    @Test
    void train_exampleWithLabelOutsideTheLabelSpace_throwsNamingIt() {
        TrainingSet data = new TrainingSet(List.of(ToyData.centre(0)), List.of("travl"), LABELS);

        assertThatThrownBy(() -> trainer.train(data, 1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'travl'")
                .hasMessageContaining("travel, meals");
    }

    @Test
    void train_vectorsOfDifferentDimensions_throws() {
        TrainingSet data = new TrainingSet(
                List.of(ToyData.centre(0), new float[8]), List.of("travel", "meals"), LABELS);

        assertThatThrownBy(() -> trainer.train(data, 1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("8 dimensions but example 0 has 16");
    }

    @Test
    void train_noExamples_throws() {
        TrainingSet empty = new TrainingSet(List.of(), List.of(), LABELS);

        assertThatThrownBy(() -> trainer.train(empty, 1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("without examples");
    }

    @Test
    void predict_vectorOfAnotherDimension_throws() {
        TrainedHead head = trainer.train(ToyData.blobs(LABELS, 4, 5, 7), 1);

        assertThatThrownBy(() -> head.predict(new float[384]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("384 dimensions")
                .hasMessageContaining("trained on 16");
    }
}
