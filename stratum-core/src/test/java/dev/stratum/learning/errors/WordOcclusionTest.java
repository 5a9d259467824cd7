package dev.stratum.learning.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.analysis.WordInfluence;
import dev.stratum.api.models.Distribution;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordOcclusionTest {
    private static final List<String> LABELS = List.of("travel", "meals");

    /** A model that is sure of travel exactly when the text says "UBER", and half sure otherwise. */
    private static List<Distribution> shortcutModel(List<String> texts, List<String> asked) {
        asked.addAll(texts);
        return texts.stream().map(t -> t.contains("UBER")
                ? Distribution.of(LABELS, new double[] {0.95, 0.05})
                : Distribution.of(LABELS, new double[] {0.5, 0.5})).toList();
    }

    @Test
    void should_put_the_word_the_model_leans_on_first_with_its_drop() {
        List<String> asked = new ArrayList<>();

        WordOcclusion.Explanation why = WordOcclusion.explain("UBER trip to the office", "travel",
                texts -> shortcutModel(texts, asked), WordOcclusion.MAX_WORDS);

        assertThat(why.probability()).isEqualTo(0.95);
        assertThat(why.words().getFirst()).isEqualTo(new WordInfluence("UBER", 0.95 - 0.5));
        assertThat(why.words()).hasSize(5);
        assertThat(why.words().subList(1, 5)).allSatisfy(w -> assertThat(w.drop()).isZero());
        assertThat(asked).containsExactly("UBER trip to the office", "trip to the office", "UBER to the office",
                "UBER trip the office", "UBER trip to office", "UBER trip to the");
    }

    @Test
    void should_leave_out_a_repeated_word_everywhere_and_score_at_most_the_first_words() {
        assertThat(WordOcclusion.without("the cab and the train", "the")).isEqualTo("cab and train");
        assertThat(WordOcclusion.words("a b a c d", 3)).containsExactly("a", "b", "c");
    }

    @Test
    void should_score_no_word_of_a_one_word_text() {
        List<String> asked = new ArrayList<>();

        WordOcclusion.Explanation why = WordOcclusion.explain("  UBER ", "travel", texts -> shortcutModel(texts, asked),
                WordOcclusion.MAX_WORDS);

        assertThat(why.words()).isEmpty();
        assertThat(why.probability()).isEqualTo(0.95);
        assertThat(asked).containsExactly("  UBER ");
    }
}
