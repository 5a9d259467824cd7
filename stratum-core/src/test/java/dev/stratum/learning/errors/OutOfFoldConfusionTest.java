package dev.stratum.learning.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutOfFoldConfusionTest {
    private static final List<String> LABELS = List.of("meals", "software", "travel");

    private static LabelIssue issue(int index, String given, String suggested, double pGiven, double pSuggested) {
        return new LabelIssue(index, given, suggested, -Math.log(pGiven), pGiven, pSuggested, false);
    }

    private static final List<LabelIssue> ISSUES = List.of(
            issue(0, "travel", "meals", 0.1, 0.8),
            issue(1, "travel", "meals", 0.2, 0.7),
            issue(2, "meals", "travel", 0.3, 0.6),
            issue(3, "software", "meals", 0.4, 0.5),
            issue(4, "travel", "software", 0.9, 0.1),
            issue(5, "meals", "software", 0.8, 0.1));

    @Test
    void should_count_each_example_under_its_label_and_the_likeliest_out_of_fold_label() {
        OutOfFoldConfusion confusion = OutOfFoldConfusion.of(LABELS, ISSUES);

        assertThat(confusion.counts()).isDeepEqualTo(new int[][] {{1, 0, 1}, {1, 0, 0}, {2, 0, 1}});
    }

    @Test
    void should_list_pairs_by_mistakes_in_both_directions_with_the_most_confident_mistakes_first() {
        OutOfFoldConfusion confusion = OutOfFoldConfusion.of(LABELS, ISSUES);

        List<OutOfFoldConfusion.Pair> pairs = confusion.mostConfused(ISSUES, 5, 2);

        assertThat(pairs).hasSize(2);
        OutOfFoldConfusion.Pair worst = pairs.getFirst();
        assertThat(List.of(worst.first(), worst.second(), worst.firstAsSecond(), worst.secondAsFirst()))
                .containsExactly("meals", "travel", 1, 2);
        assertThat(worst.mistakes()).extracting(m -> m.issue().index()).containsExactly(0, 1);
        assertThat(pairs.get(1).first()).isEqualTo("meals");
        assertThat(pairs.get(1).second()).isEqualTo("software");
        assertThat(pairs.get(1).total()).isEqualTo(1);
        assertThat(confusion.mostConfused(ISSUES, 1, 5)).hasSize(1);
    }
}
