package dev.stratum.learning.errors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The confusion matrix of out-of-fold predictions: for each example, its own label against the label a model that
 * never saw it finds likeliest (the finder's suggestion when that is likelier than the given label, else the given
 * label). Labelling mistakes and real ambiguity between labels both show up here, as pairs of labels that trade
 * examples.
 *
 * @param labels rows and columns, in the order given
 * @param counts {@code counts[i][j]}: examples labelled {@code labels[i]} predicted as {@code labels[j]}
 */
public record OutOfFoldConfusion(List<String> labels, int[][] counts) {

    /** One example predicted as another label than its own. */
    public record Mistake(LabelIssue issue, String predicted, double probability) {}

    /** Two labels and the examples they trade, in both directions, the most confident mistakes first. */
    public record Pair(String first, String second, int firstAsSecond, int secondAsFirst, List<Mistake> mistakes) {
        public int total() {
            return firstAsSecond + secondAsFirst;
        }
    }

    /**
     * Counts the finder's {@code ranked} issues over {@code labels} (the labels the examples carry, and any the
     * finder may suggest).
     */
    public static OutOfFoldConfusion of(List<String> labels, List<LabelIssue> ranked) {
        Map<String, Integer> index = index(labels);
        int[][] counts = new int[labels.size()][labels.size()];
        for (LabelIssue issue : ranked) {
            Integer given = index.get(issue.givenLabel());
            Integer predicted = index.get(predicted(issue));
            if (given != null && predicted != null) {
                counts[given][predicted]++;
            }
        }
        return new OutOfFoldConfusion(List.copyOf(labels), counts);
    }

    /** The label the out-of-fold model finds likeliest for the example. */
    public static String predicted(LabelIssue issue) {
        return issue.suggestedProbability() > issue.givenProbability() ? issue.suggestedLabel() : issue.givenLabel();
    }

    /**
     * The {@code limit} pairs of labels with the most mistakes between them, each with up to {@code perPair} of its
     * mistakes; ties go to the pair named first in label order.
     */
    public List<Pair> mostConfused(List<LabelIssue> ranked, int limit, int perPair) {
        Map<String, Integer> index = index(labels);
        Map<Long, List<Mistake>> mistakes = new HashMap<>();
        for (LabelIssue issue : ranked) {
            String predicted = predicted(issue);
            Integer a = index.get(issue.givenLabel());
            Integer b = index.get(predicted);
            if (a == null || b == null || a.equals(b)) {
                continue;
            }
            mistakes.computeIfAbsent(key(Math.min(a, b), Math.max(a, b)), k -> new ArrayList<>())
                    .add(new Mistake(issue, predicted, issue.suggestedProbability()));
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                if (counts[i][j] + counts[j][i] == 0) {
                    continue;
                }
                List<Mistake> some = new ArrayList<>(mistakes.getOrDefault(key(i, j), List.of()));
                some.sort(Comparator.comparingDouble(Mistake::probability).reversed());
                pairs.add(new Pair(labels.get(i), labels.get(j), counts[i][j], counts[j][i],
                        List.copyOf(some.subList(0, Math.min(perPair, some.size())))));
            }
        }
        pairs.sort(Comparator.comparingInt(Pair::total).reversed());
        return List.copyOf(pairs.subList(0, Math.min(Math.max(0, limit), pairs.size())));
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | b;
    }

    private static Map<String, Integer> index(List<String> labels) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.putIfAbsent(labels.get(i), i);
        }
        return index;
    }
}
