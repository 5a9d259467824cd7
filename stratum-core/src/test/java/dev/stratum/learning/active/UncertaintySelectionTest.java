package dev.stratum.learning.active;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Margin, entropy and BALD send the items between labels to a person before the items deep inside one label's region.
 * In {@link SelectionStrategiesTest#threeLabelContext}, each label contributes 5 items deep in its region then 3 on a
 * boundary, so pool index {@code i} is on a boundary when {@code i % 8 >= 5}.
 */
class UncertaintySelectionTest {
    @Test
    void margin_picks_the_boundary_items_first() {
        assertThat(SelectionStrategies.byName("margin").select(SelectionStrategiesTest.threeLabelContext(11), 9))
                .allMatch(UncertaintySelectionTest::onBoundary);
    }

    @Test
    void entropy_picks_the_boundary_items_first() {
        assertThat(SelectionStrategies.byName("entropy").select(SelectionStrategiesTest.threeLabelContext(12), 9))
                .allMatch(UncertaintySelectionTest::onBoundary);
    }

    @Test
    void bald_prefers_boundary_items_where_resampled_heads_disagree() {
        List<Integer> picked = SelectionStrategies.byName("bald").select(SelectionStrategiesTest.threeLabelContext(13),
                9);

        assertThat(picked.stream().filter(UncertaintySelectionTest::onBoundary).count()).isGreaterThanOrEqualTo(7);
    }

    @Test
    void random_ignores_the_model() {
        List<Integer> picked = SelectionStrategies.byName("random").select(SelectionStrategiesTest.threeLabelContext(14),
                24);

        assertThat(picked.subList(0, 9)).isNotEqualTo(SelectionStrategies.byName("margin")
                .select(SelectionStrategiesTest.threeLabelContext(14), 9));
        assertThat(picked).hasSize(24);
    }

    private static boolean onBoundary(int poolIndex) {
        return poolIndex % 8 >= 5;
    }
}
