package dev.stratum.learning.bench.odd;

import dev.stratum.api.models.Distribution;
import dev.stratum.api.odd.OddRule;
import dev.stratum.odd.OddCalibration;
import dev.stratum.odd.OddGuard;
import dev.stratum.odd.OddVerdict;
import dev.stratum.odd.conformal.AdaptivePredictionSets;
import dev.stratum.odd.uncertainty.CalibrationError;
import dev.stratum.odd.uncertainty.Uncertainty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of one seed of {@link OddBench}, from what the model and the guard made of each in-domain and
 * out-of-domain input. Coverage, set size and calibration error are measured on every in-domain input, accepted or
 * not: they describe the model; the rest describe the guard.
 */
final class SeedMetrics {
    /**
     * What the model and the guard made of one input.
     *
     * @param raw the model's distribution
     * @param calibrated the same after temperature scaling
     * @param noise the input's conformal noise
     * @param ensemble the bootstrap ensemble's uncertainty, or null without an ensemble
     */
    record Outcome(OddVerdict verdict, Distribution raw, Distribution calibrated, double noise, Uncertainty ensemble) {}

    private SeedMetrics() {}


    static Map<String, Double> of(List<Outcome> in, List<String> truth, List<Outcome> out,
            OddCalibration calibration, OddGuard guard, double coverage) {
        AdaptivePredictionSets conformal = calibration.conformal();
        double threshold = conformal.threshold(coverage);
        int n = in.size();
        int answered = 0;
        int answeredRight = 0;
        int accepted = 0;
        int top1 = 0;
        int covered = 0;
        int coveredTopKept = 0;
        int setSizes = 0;
        int setSizesTopKept = 0;
        int empty = 0;
        double[] rawConfidence = new double[n];
        double[] confidence = new double[n];
        boolean[] right = new boolean[n];
        double[] inScores = new double[n];
        double[] inSimilarity = new double[n];
        double[] inEntropy = new double[n];
        for (int i = 0; i < n; i++) {
            Outcome o = in.get(i);
            String label = truth.get(i);
            if (o.verdict() instanceof OddVerdict.Answered a) {
                answered++;
                answeredRight += a.label().equals(label) ? 1 : 0;
            }
            accepted += refusedAsOutOfDomain(o.verdict()) ? 0 : 1;
            right[i] = o.calibrated().top().equals(label);
            top1 += right[i] ? 1 : 0;
            confidence[i] = o.calibrated().confidence();
            rawConfidence[i] = o.raw().confidence();
            var strict = conformal.predictionSet(o.calibrated(), threshold, o.noise(), false);
            var kept = conformal.predictionSet(o.calibrated(), threshold, o.noise(), true);
            covered += strict.stream().anyMatch(s -> s.label().equals(label)) ? 1 : 0;
            coveredTopKept += kept.stream().anyMatch(s -> s.label().equals(label)) ? 1 : 0;
            setSizes += strict.size();
            setSizesTopKept += kept.size();
            empty += strict.isEmpty() ? 1 : 0;
            inScores[i] = orInfinity(o.verdict().evidence().domainScore());
            inSimilarity[i] = -orInfinity(o.verdict().evidence().nearestSimilarity());
            inEntropy[i] = orInfinity(o.verdict().evidence().entropy());
        }
        int m = out.size();
        int outRefused = 0;
        int outAnswered = 0;
        double[] outScores = new double[m];
        double[] outSimilarity = new double[m];
        double[] outEntropy = new double[m];
        for (int j = 0; j < m; j++) {
            Outcome o = out.get(j);
            outRefused += refusedAsOutOfDomain(o.verdict()) ? 1 : 0;
            outAnswered += o.verdict().inside() ? 1 : 0;
            outScores[j] = orInfinity(o.verdict().evidence().domainScore());
            outSimilarity[j] = -orInfinity(o.verdict().evidence().nearestSimilarity());
            outEntropy[j] = orInfinity(o.verdict().evidence().entropy());
        }
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("accuracy_with_abstention", answeredRight / (double) n);
        r.put("acceptance_rate", accepted / (double) n);
        r.put("ood_recall", m == 0 ? Double.NaN : outRefused / (double) m);
        r.put("auroc", Roc.auroc(inScores, outScores));
        r.put("fpr_at_95tpr", Roc.fprAtTpr(inScores, outScores, 0.95));
        r.put("coverage", covered / (double) n);
        r.put("coverage_target", coverage);
        r.put("mean_set_size", setSizes / (double) n);
        r.put("ece", CalibrationError.expected(confidence, right));
        r.put("accuracy", top1 / (double) n);
        r.put("answered_rate", answered / (double) n);
        r.put("answered_accuracy", answered == 0 ? Double.NaN : answeredRight / (double) answered);
        r.put("ood_answered_rate", m == 0 ? Double.NaN : outAnswered / (double) m);
        r.put("coverage_top_kept", coveredTopKept / (double) n);
        r.put("mean_set_size_top_kept", setSizesTopKept / (double) n);
        r.put("empty_set_rate", empty / (double) n);
        r.put("ece_uncalibrated", CalibrationError.expected(rawConfidence, right));
        r.put("temperature", calibration.temperature());
        r.put("auroc_nearest_similarity", Roc.auroc(inSimilarity, outSimilarity));
        r.put("auroc_entropy", Roc.auroc(inEntropy, outEntropy));
        ensembleMetrics(in, out, r);
        r.put("domain_threshold", guard.domainThreshold());
        r.put("conformal_penalty", conformal.penalty());
        r.put("conformal_free_ranks", (double) conformal.freeRanks());
        r.put("calibration_accuracy", calibration.metrics().get("accuracy"));
        return r;
    }

    private static void ensembleMetrics(List<Outcome> in, List<Outcome> out, Map<String, Double> r) {
        if (in.isEmpty() || in.getFirst().ensemble() == null) {
            return;
        }
        double[] inBald = in.stream().mapToDouble(o -> o.ensemble().mutualInformation()).toArray();
        double[] outBald = out.stream().mapToDouble(o -> o.ensemble().mutualInformation()).toArray();
        r.put("auroc_bald", Roc.auroc(inBald, outBald));
        r.put("auroc_ensemble_entropy", Roc.auroc(in.stream().mapToDouble(o -> o.ensemble().entropy()).toArray(),
                out.stream().mapToDouble(o -> o.ensemble().entropy()).toArray()));
        r.put("bald_mean_in_domain", mean(inBald));
        r.put("bald_mean_out_of_domain", mean(outBald));
    }

    private static boolean refusedAsOutOfDomain(OddVerdict verdict) {
        return verdict instanceof OddVerdict.Refused r && r.rule() == OddRule.OUT_OF_DOMAIN;
    }

    /** A measure the guard did not take (the input was too long to score) counts as furthest out. */
    private static double orInfinity(Double value) {
        return value == null ? Double.POSITIVE_INFINITY : value;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }
}
