package dev.stratum.api.models;

import dev.stratum.api.LabelScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A probability distribution over a task's labels, sorted best first. */
public record Distribution(List<LabelScore> scores) {
    public Distribution {
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("a distribution needs at least one label");
        }
        List<LabelScore> sorted = new ArrayList<>(scores);
        sorted.sort(Comparator.comparingDouble(LabelScore::score).reversed().thenComparing(LabelScore::label));
        scores = List.copyOf(sorted);
    }

    /** Builds a distribution from labels and probabilities given in the same order. */
    public static Distribution of(List<String> labels, double[] probabilities) {
        if (labels.size() != probabilities.length) {
            throw new IllegalArgumentException(labels.size() + " labels but " + probabilities.length + " probabilities");
        }
        List<LabelScore> list = new ArrayList<>(labels.size());
        for (int i = 0; i < probabilities.length; i++) {
            list.add(new LabelScore(labels.get(i), probabilities[i]));
        }
        return new Distribution(list);
    }

    public String top() {
        return scores.get(0).label();
    }

    public double confidence() {
        return scores.get(0).score();
    }

    public List<LabelScore> top(int k) {
        return scores.subList(0, Math.min(k, scores.size()));
    }

    /** The probability of {@code label}, 0 when absent. */
    public double probability(String label) {
        for (LabelScore s : scores) {
            if (s.label().equals(label)) {
                return s.score();
            }
        }
        return 0;
    }
}
