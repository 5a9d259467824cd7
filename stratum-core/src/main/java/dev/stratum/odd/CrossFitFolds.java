package dev.stratum.odd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Stratified fold assignment: each label's examples, shuffled with the seed, are dealt round the folds in turn. */
final class CrossFitFolds {
    private CrossFitFolds() {}

    /** The fold (0 to {@code folds - 1}) of each example, so that every fold gets its share of every label. */
    static int[] assign(List<String> labels, int folds, long seed) {
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            byLabel.computeIfAbsent(labels.get(i), l -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        int[] fold = new int[labels.size()];
        int next = 0;
        for (List<Integer> rows : byLabel.values()) {
            Collections.shuffle(rows, random);
            for (int i : rows) {
                fold[i] = next;
                next = (next + 1) % folds;
            }
        }
        return fold;
    }
}
