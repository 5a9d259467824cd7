package dev.stratum.api.lifecycle;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluation gate's verdict on a candidate ({@code dev.stratum.lifecycle.EvaluationGate}), with the figures behind
 * it. Plain fields, lists and maps, so
 * that it stores and serialises as JSON as it is. Accuracies and recalls are rounded to four decimals; the p-values
 * are not.
 *
 * @param passed whether the candidate may go on (to shadow, canary or production)
 * @param reasons why, in sentences a person can read: every failed check when it failed, else one line per check
 * @param comparedWithProduction false for a first version, which has nothing to be compared with
 * @param n the held-out examples both were judged on
 * @param productionAccuracy null when there is no production version
 * @param productionOnlyCorrect McNemar's b: examples only production got right
 * @param candidateOnlyCorrect McNemar's c: examples only the candidate got right
 * @param pValue McNemar's exact two-sided p-value over all {@code n} examples (1 without production)
 * @param labels recall of each label that occurs among the examples, sorted by label
 * @param recent the same comparison on the newest examples
 * @param config the thresholds applied
 */
public record GateReport(
        boolean passed,
        List<String> reasons,
        boolean comparedWithProduction,
        int n,
        Double productionAccuracy,
        double candidateAccuracy,
        int productionOnlyCorrect,
        int candidateOnlyCorrect,
        double pValue,
        Map<String, LabelRecall> labels,
        Window recent,
        GateConfig config) {
    public GateReport {
        reasons = List.copyOf(reasons);
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /**
     * One label's recall under both versions.
     *
     * @param support the held-out examples with this label
     * @param productionRecall null when there is no production version
     * @param checked whether the support was large enough for the recall-drop check
     */
    public record LabelRecall(int support, Double productionRecall, double candidateRecall, boolean checked) {}

    /**
     * The comparison on the newest examples.
     *
     * @param share the share of all examples it covers, as configured
     * @param n how many examples that is (0 when the check is off)
     * @param from the time of its oldest example; null when it is empty
     * @param productionAccuracy null when there is no production version or the window is empty
     * @param pValue McNemar's exact two-sided p-value on the window
     */
    public record Window(
            double share,
            int n,
            Instant from,
            Double productionAccuracy,
            double candidateAccuracy,
            int productionOnlyCorrect,
            int candidateOnlyCorrect,
            double pValue) {}
}
