package dev.stratum.api.analysis;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * The out-of-fold confusion matrix of a task's examples and the label pairs most confused.
 *
 * @param labels the rows and columns of {@code counts}: the labels the examples carry, in alphabetical order
 * @param counts {@code counts[i][j]}: examples labelled {@code labels[i]} that the out-of-fold model predicts as
 *     {@code labels[j]}
 * @param pairs the most confused pairs, most mistakes first
 */
public record ConfusionSummary(@JsonUnwrapped AnalysisRun run, List<String> labels, List<List<Integer>> counts,
        List<ConfusedPair> pairs) {
    public ConfusionSummary {
        labels = List.copyOf(labels);
        counts = counts.stream().map(List::copyOf).toList();
        pairs = List.copyOf(pairs);
    }
}
