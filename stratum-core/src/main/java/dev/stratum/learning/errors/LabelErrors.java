package dev.stratum.learning.errors;

import java.util.List;
import java.util.Map;

/**
 * What the label-error finder found in one set of examples.
 *
 * @param ranked every example, most suspicious first: by {@link LabelIssue#loss()}, highest first
 * @param thresholds per label, the mean out-of-fold probability of that label over the examples that carry it: how
 *     sure the model typically is of a correct example of the label (confident learning's per-class threshold,
 *     Northcutt, Jiang and Chuang 2021)
 * @param folds folds of cross-fitting
 * @param repeats how many fold splits the out-of-fold distributions are averaged over
 * @param pruned how many examples a first ranking flagged and the final ranking left out of training; 0 without
 *     pruning
 */
public record LabelErrors(List<LabelIssue> ranked, Map<String, Double> thresholds, int folds, int repeats,
        int pruned) {
    public LabelErrors {
        ranked = List.copyOf(ranked);
        thresholds = Map.copyOf(thresholds);
    }

    /** The {@code k} most suspicious examples. */
    public List<LabelIssue> top(int k) {
        return ranked.subList(0, Math.min(Math.max(0, k), ranked.size()));
    }

    /** The examples confident learning counts as label errors, most suspicious first. */
    public List<LabelIssue> flagged() {
        return ranked.stream().filter(LabelIssue::flagged).toList();
    }
}
