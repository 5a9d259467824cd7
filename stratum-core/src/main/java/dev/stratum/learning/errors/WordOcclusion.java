package dev.stratum.learning.errors;

import dev.stratum.api.analysis.WordInfluence;
import dev.stratum.api.models.Distribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * Leave-one-word-out occlusion: how much each word of a text drives a model's prediction, measured as the fall in the
 * predicted label's probability when the word is left out. A model that answers from a shortcut (a merchant name, a
 * reference number, a word that happens to come with one label in the training data) shows one word carrying the
 * whole answer. Words are the text's whitespace-separated tokens; a word that occurs more than once is left out
 * everywhere at once, since its copies say the same thing to the model.
 */
public final class WordOcclusion {
    /** The most words of one text that are scored: each costs one more embedding. */
    public static final int MAX_WORDS = 30;

    private WordOcclusion() {}

    /**
     * A label's probability for a text, and the words by how much the probability falls without them.
     *
     * @param words most influential first
     */
    public record Explanation(double probability, List<WordInfluence> words) {
        public Explanation {
            words = List.copyOf(words);
        }
    }

    /**
     * Explains {@code label}'s probability for {@code text}.
     *
     * @param model the model's distributions for a batch of texts, in the same order
     * @param maxWords how many distinct words to score, the first ones of the text
     */
    public static Explanation explain(String text, String label, Function<List<String>, List<Distribution>> model,
            int maxWords) {
        List<String> words = words(text, maxWords);
        List<String> batch = new ArrayList<>();
        batch.add(text);
        if (words.size() > 1) {
            words.forEach(w -> batch.add(without(text, w)));
        }
        List<Distribution> answers = model.apply(batch);
        if (answers.size() != batch.size()) {
            throw new IllegalStateException("the model answered " + answers.size() + " of " + batch.size() + " texts");
        }
        double probability = answers.getFirst().probability(label);
        List<WordInfluence> influences = new ArrayList<>();
        for (int i = 1; i < answers.size(); i++) {
            influences.add(new WordInfluence(words.get(i - 1), probability - answers.get(i).probability(label)));
        }
        influences.sort(Comparator.comparingDouble(WordInfluence::drop).reversed());
        return new Explanation(probability, influences);
    }

    /** The distinct words of {@code text}, in order of first appearance, at most {@code max}. */
    static List<String> words(String text, int max) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String token : tokens(text)) {
            if (distinct.size() == max) {
                break;
            }
            distinct.add(token);
        }
        return List.copyOf(distinct);
    }

    /** {@code text} without any occurrence of the word {@code word}, its other words joined by single spaces. */
    static String without(String text, String word) {
        return String.join(" ", tokens(text).stream().filter(t -> !t.equals(word)).toList());
    }

    private static List<String> tokens(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("\\s+"));
    }
}
