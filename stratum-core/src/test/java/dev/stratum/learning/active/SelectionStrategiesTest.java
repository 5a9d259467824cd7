package dev.stratum.learning.active;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The contract every strategy keeps, and the names. */
class SelectionStrategiesTest {
    static final List<String> NAMES = SelectionStrategies.NAMES;

    private static final SoftmaxRegressionTrainer TRAINER = new SoftmaxRegressionTrainer();

    @ParameterizedTest
    @FieldSource("NAMES")
    void every_strategy_selects_count_distinct_pool_items_reproducibly(String name) {
        SelectionStrategy strategy = SelectionStrategies.byName(name);
        SelectionContext context = threeLabelContext(7);

        List<Integer> first = strategy.select(context, 6);
        List<Integer> again = SelectionStrategies.byName(name).select(context, 6);

        assertThat(strategy.name()).isEqualTo(name);
        assertThat(first).hasSize(6).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < context.pool().size());
        assertThat(again).isEqualTo(first);
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void every_strategy_returns_the_whole_pool_when_asked_for_more(String name) {
        SelectionContext context = threeLabelContext(3);

        List<Integer> all = SelectionStrategies.byName(name).select(context, context.pool().size() + 5);

        assertThat(new HashSet<>(all)).hasSize(context.pool().size());
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void every_strategy_starts_cold_without_labels(String name) {
        Blobs blobs = new Blobs(5);
        List<float[]> pool = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            pool.addAll(blobs.near(Blobs.axis(c), 0.05, 10));
        }

        List<Integer> picked = SelectionStrategies.byName(name)
                .select(SelectionContext.coldStart(pool, List.of("a", "b", "c", "d"), TRAINER, 1), 4);

        assertThat(picked).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void byName_unknownStrategy_listsTheKnownOnes() {
        assertThatThrownBy(() -> SelectionStrategies.byName("uncertainty"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("selection strategy 'uncertainty' is not known; use one of random, margin, entropy, bald,"
                        + " predicted-loss, diverse-margin, diverse-entropy, diverse-bald, diverse-predicted-loss");
        assertThatThrownBy(() -> SelectionStrategies.byName("diverse-random"))
                .hasMessageStartingWith("selection strategy 'diverse-random' is not known");
    }

    @Test
    void context_predictionsNotOnePerPoolItem_isRefused() {
        SelectionContext context = threeLabelContext(1);

        assertThatThrownBy(() -> new SelectionContext(context.pool(), context.predictions().subList(0, 2),
                context.labelled(), TRAINER, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but 2 predictions were given");
    }

    /**
     * Three labels along three axes, 4 labelled examples each; the pool has items deep in each label's region and
     * items on the boundaries between them.
     */
    static SelectionContext threeLabelContext(long seed) {
        Blobs blobs = new Blobs(seed);
        List<String> labels = List.of("a", "b", "c");
        List<float[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        List<float[]> pool = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (float[] v : blobs.near(Blobs.axis(c), 0.1, 4)) {
                x.add(v);
                y.add(labels.get(c));
            }
            pool.addAll(blobs.near(Blobs.axis(c), 0.03, 5));
            pool.addAll(blobs.near(Blobs.between(c, (c + 1) % 3), 0.03, 3));
        }
        TrainingSet labelled = new TrainingSet(x, y, labels);
        TrainedHead head = TRAINER.train(labelled, seed);
        List<Distribution> predictions = pool.stream().map(head::predict).toList();
        return new SelectionContext(pool, predictions, labelled, TRAINER, seed);
    }
}
