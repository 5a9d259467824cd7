package dev.stratum.learning.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.models.TrainingSet;
import dev.stratum.learning.active.Blobs;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabelErrorFinderTest {
    private static final List<String> LABELS = List.of("a", "b", "c", "d");
    /** Rows whose label is wrong: row i sits in label (i / 20)'s region. */
    private static final Set<Integer> WRONG = Set.of(3, 27, 45, 71);

    @Test
    void wrong_labels_rank_first_with_the_true_label_suggested() {
        LabelErrors errors = finder(HyperlocalConfig.DEFAULTS).find(noisyExamples(), 1);

        assertThat(errors.top(WRONG.size()).stream().map(LabelIssue::index).collect(Collectors.toSet()))
                .isEqualTo(WRONG);
        for (LabelIssue issue : errors.top(WRONG.size())) {
            assertThat(issue.suggestedLabel()).isEqualTo(LABELS.get(issue.index() / 20));
            assertThat(issue.loss()).isEqualTo(-Math.log(issue.givenProbability()));
            assertThat(issue.suggestedProbability()).isGreaterThan(issue.givenProbability());
        }
        assertThat(errors.ranked()).hasSize(80);
        assertThat(errors.ranked().get(4).loss()).isLessThan(errors.ranked().get(3).loss());
    }

    @Test
    void confident_learning_flags_exactly_the_wrong_labels() {
        LabelErrors errors = new LabelErrorFinder(new SoftmaxRegressionTrainer(), HyperlocalConfig.DEFAULTS, 4, 2, false)
                .find(noisyExamples(), 2);

        Set<Integer> flagged = errors.flagged().stream().map(LabelIssue::index).collect(Collectors.toSet());
        assertThat(flagged).isEqualTo(WRONG);
        assertThat(errors.thresholds()).containsOnlyKeys(LABELS);
        assertThat(errors.repeats()).isEqualTo(2);
    }

    @Test
    void pruning_ranks_again_without_the_first_flags_and_still_finds_the_wrong_labels() {
        TrainingSet examples = noisyExamples();

        LabelErrors once = new LabelErrorFinder(new SoftmaxRegressionTrainer(), null, 5, 1, false).find(examples, 3);
        LabelErrors pruned = new LabelErrorFinder(new SoftmaxRegressionTrainer(), null, 5, 1, true).find(examples, 3);

        assertThat(once.pruned()).isZero();
        assertThat(pruned.pruned()).isEqualTo(once.flagged().size()).isPositive();
        assertThat(pruned.top(WRONG.size()).stream().map(LabelIssue::index).collect(Collectors.toSet()))
                .isEqualTo(WRONG);
        assertThat(pruned.ranked()).isNotEqualTo(once.ranked());
    }

    @Test
    void progress_counts_every_training_up_to_the_total() {
        LabelErrorFinder finder = new LabelErrorFinder(new SoftmaxRegressionTrainer(), null, 4, 2, true);
        List<Integer> reported = new ArrayList<>();

        finder.find(noisyExamples(), 1, reported::add);

        assertThat(finder.trainings()).isEqualTo(16);
        assertThat(reported).hasSize(16).isSorted().startsWith(1).endsWith(16);
    }

    @Test
    void same_seed_gives_the_same_ranking() {
        TrainingSet examples = noisyExamples();

        assertThat(finder(HyperlocalConfig.DEFAULTS).find(examples, 5).ranked())
                .isEqualTo(finder(HyperlocalConfig.DEFAULTS).find(examples, 5).ranked());
    }

    @Test
    void fewer_examples_than_folds_or_a_single_fold_is_refused() {
        assertThatThrownBy(() -> new LabelErrorFinder(new SoftmaxRegressionTrainer(), null, 1, 1, false))
                .hasMessage("out-of-fold losses need at least 2 folds, got 1");
        TrainingSet three = new TrainingSet(List.of(Blobs.axis(0), Blobs.axis(1), Blobs.axis(2)),
                List.of("a", "b", "c"), List.of("a", "b", "c"));
        assertThatThrownBy(() -> finder(null).find(three, 1))
                .hasMessage("finding label errors with 5 folds needs at least 5 examples, got 3");
    }

    private static LabelErrorFinder finder(HyperlocalConfig blend) {
        return new LabelErrorFinder(new SoftmaxRegressionTrainer(), blend, 5, 1, false);
    }

    /** 20 examples near each label's axis; the rows in {@link #WRONG} carry the next label instead. */
    private static TrainingSet noisyExamples() {
        Blobs blobs = new Blobs(17);
        List<float[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int c = 0; c < LABELS.size(); c++) {
            for (float[] v : blobs.near(Blobs.axis(c), 0.12, 20)) {
                x.add(v);
                int row = y.size();
                y.add(LABELS.get(WRONG.contains(row) ? (c + 1) % LABELS.size() : c));
            }
        }
        return new TrainingSet(x, y, LABELS);
    }
}
