package dev.stratum.api;

import java.util.List;
import java.util.Map;

/**
 * How well a task's current cascade does on labelled data.
 *
 * @param answeredBy how many items each layer answered
 * @param accuracyByLayer accuracy on the items each layer answered
 * @param confusions the most frequent (actual, predicted) mistakes, most frequent first
 */
public record Evaluation(
        String taskId,
        String dataset,
        int n,
        double accuracy,
        double macroF1,
        Map<String, ClassMetrics> perClass,
        List<Confusion> confusions,
        Map<Layer, Integer> answeredBy,
        Map<Layer, Double> accuracyByLayer,
        String modelVersion) {

    /** Precision, recall and F1 of one label. */
    public record ClassMetrics(double precision, double recall, double f1, int support) {}

    /** How often items of label {@code actual} were predicted as {@code predicted}. */
    public record Confusion(String actual, String predicted, int count) {}
}
