package dev.stratum.odd;

import dev.stratum.api.LabelScore;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.odd.OddPolicy;
import dev.stratum.api.odd.OddRule;
import dev.stratum.api.store.Neighbour;
import dev.stratum.odd.conformal.AdaptivePredictionSets;
import dev.stratum.odd.domain.InputDomain;
import dev.stratum.odd.uncertainty.TemperatureScaling;
import dev.stratum.odd.uncertainty.Uncertainty;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks one task's predictions against its {@link OddPolicy}, with the {@link OddCalibration} of its current model.
 * Immutable and thread-safe; build a new guard when the policy, the model or the taxonomy changes.
 *
 * <p>The rules run in order and the first that fails decides: the input's length; the input out-of-domain check
 * (unlike the task's examples, or like inputs people rejected); the answer's label in the taxonomy; and the confidence
 * rule, which answers only when the conformal prediction set at the policy's coverage holds one label. Checking adds
 * a few microseconds to a prediction: the neighbours and the distribution are the ones the prediction already
 * computed.
 *
 * <p>Without a calibration (a task never trained) nothing can be promised about confidence, so every prediction
 * abstains under the confidence rule.
 */
public final class OddGuard {
    private static final int REASON_LABELS = 5;

    private final OddPolicy policy;
    private final OddCalibration calibration;
    private final Set<String> taxonomy;
    private final TemperatureScaling scaling;
    private final double coverageThreshold;
    private final double domainThreshold;

    private OddGuard(OddPolicy policy, OddCalibration calibration, Set<String> taxonomy) {
        this.policy = policy;
        this.calibration = calibration;
        this.taxonomy = taxonomy;
        this.scaling = calibration == null ? TemperatureScaling.IDENTITY : calibration.scaling();
        this.coverageThreshold = calibration == null
                ? Double.POSITIVE_INFINITY
                : calibration.conformal().threshold(policy.confidence().coverage());
        this.domainThreshold = calibration == null
                ? Double.POSITIVE_INFINITY
                : calibration.domain().threshold(policy.input().inDomainAcceptance());
    }

    /**
     * A guard for a task.
     *
     * @param calibration the current model's calibration, or null before the first training
     * @param taxonomy the task's current label names
     */
    public static OddGuard create(OddPolicy policy, OddCalibration calibration, Collection<String> taxonomy) {
        return new OddGuard(policy, calibration, Set.copyOf(taxonomy));
    }

    public OddPolicy policy() {
        return policy;
    }

    /** The score above which an input is refused as out of domain (infinite when the check is off). */
    public double domainThreshold() {
        return domainThreshold;
    }

    /**
     * Checks one prediction.
     *
     * @param text the input as the caller sent it
     * @param embedding its unit-length embedding
     * @param distribution the calibrated model's distribution for it, before temperature scaling
     * @param neighbours its nearest validated examples, most similar first, as the model was given them (empty when
     *     the memory is empty)
     */
    public OddVerdict check(String text, float[] embedding, Distribution distribution, List<Neighbour> neighbours) {
        return check(text, embedding, distribution, neighbours, null);
    }

    /**
     * Checks one prediction, recording the disagreement of an ensemble (see
     * {@link dev.stratum.odd.uncertainty.HeadEnsemble}) in the evidence; the rules do not depend on it.
     *
     * @param ensemble the ensemble's uncertainty for this input, or null
     */
    public OddVerdict check(String text, float[] embedding, Distribution distribution, List<Neighbour> neighbours,
            Uncertainty ensemble) {
        Double bald = ensemble == null ? null : ensemble.mutualInformation();
        int version = policy.version();
        int maxLength = policy.input().maxLength();
        if (text.length() > maxLength) {
            return new OddVerdict.Refused(OddRule.INPUT_TOO_LONG, policy.actionFor(OddRule.INPUT_TOO_LONG),
                    format("input is %,d characters long; this task's policy answers texts of at most %,d characters."
                            + " Shorten or split it.", text.length(), maxLength), OddEvidence.none(version));
        }
        String missing = InputFields.missing(text, policy.input().requiredFields());
        if (missing != null) {
            return new OddVerdict.Refused(OddRule.MISSING_FIELDS, policy.actionFor(OddRule.MISSING_FIELDS), missing,
                    OddEvidence.none(version));
        }
        if (calibration == null) {
            return new OddVerdict.Abstained(OddRule.LOW_CONFIDENCE, policy.actionFor(OddRule.LOW_CONFIDENCE),
                    "this task's model is not calibrated yet, so no answer can be promised to be right at "
                            + percent(policy.confidence().coverage()) + "; train it on validated examples first",
                    distribution.top(REASON_LABELS), OddEvidence.none(version));
        }
        double nearest = nearestSimilarity(neighbours);
        double entropy = Uncertainty.entropy(distribution);
        InputDomain domain = calibration.domain();
        double score = domain.score(nearest, entropy);
        if (Double.isFinite(domainThreshold)) {
            double rejected = domain.nearestRejected(embedding);
            if (domain.resemblesRejected(rejected, nearest)) {
                return refusedOutOfDomain(format("input resembles inputs people marked as out of scope for this task:"
                        + " similarity %.2f to one of them, against %.2f to the nearest validated example",
                        rejected, nearest), evidence(nearest, entropy, score, null, List.of(), bald));
            }
            if (score > domainThreshold) {
                return refusedOutOfDomain(outOfDomainReason(nearest, entropy, score),
                        evidence(nearest, entropy, score, null, List.of(), bald));
            }
        }
        Distribution calibrated = scaling.apply(distribution);
        List<LabelScore> set = calibration.conformal().predictionSet(calibrated, coverageThreshold,
                AdaptivePredictionSets.noise(embedding), true);
        OddEvidence evidence = evidence(nearest, entropy, score, calibrated, set, bald);
        if (policy.output().labelInTaxonomy() && !taxonomy.contains(calibrated.top())) {
            return new OddVerdict.Abstained(OddRule.LABEL_NOT_IN_TAXONOMY,
                    policy.actionFor(OddRule.LABEL_NOT_IN_TAXONOMY),
                    "the model answered '" + calibrated.top() + "', which is no longer in this task's taxonomy;"
                            + " retrain the task so that its model learns the current labels",
                    set.stream().filter(s -> taxonomy.contains(s.label())).toList(), evidence);
        }
        if (set.size() == 1) {
            return new OddVerdict.Answered(calibrated.top(), calibrated.confidence(), evidence);
        }
        return new OddVerdict.Abstained(OddRule.LOW_CONFIDENCE, policy.actionFor(OddRule.LOW_CONFIDENCE),
                lowConfidenceReason(set), set, evidence);
    }

    private OddVerdict.Refused refusedOutOfDomain(String reason, OddEvidence evidence) {
        return new OddVerdict.Refused(OddRule.OUT_OF_DOMAIN, policy.actionFor(OddRule.OUT_OF_DOMAIN), reason,
                evidence);
    }

    private String outOfDomainReason(double nearest, double entropy, double score) {
        InputDomain domain = calibration.domain();
        double required = domain.requiredSimilarity(entropy, domainThreshold);
        String scores = format(" (out-of-domain score %.2f, threshold %.2f)", score, domainThreshold);
        if (required > 1) {
            return format("input looks unlike this task's data: the model cannot place it among the labels (entropy"
                    + " %.2f, where in-domain inputs average %.2f), and its nearest validated example has similarity"
                    + " %.2f", entropy, domain.entropyMean(), nearest) + scores;
        }
        return format("input looks unlike this task's data: nearest validated example similarity %.2f, threshold %.2f"
                + " at this model uncertainty (entropy %.2f; in-domain inputs average %.2f)", nearest, required,
                entropy, domain.entropyMean()) + scores;
    }

    private String lowConfidenceReason(List<LabelScore> set) {
        String coverage = percent(policy.confidence().coverage());
        int n = calibration.conformal().calibrationSize();
        if (Double.isInfinite(coverageThreshold)) {
            int needed = (int) Math.ceil(policy.confidence().coverage() / (1 - policy.confidence().coverage()));
            return "the model cannot be promised right at " + coverage + " with " + n + " calibration examples; it"
                    + " needs at least " + needed + ". Add validated examples and train again";
        }
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < Math.min(REASON_LABELS, set.size()); i++) {
            labels.append(i == 0 ? "" : ", ").append(format("%s %.2f", set.get(i).label(), set.get(i).score()));
        }
        if (set.size() > REASON_LABELS) {
            labels.append(", ...");
        }
        return "not sure enough to answer at " + coverage + " coverage: " + set.size() + " labels remain plausible ("
                + labels + "); a person should pick one";
    }

    private OddEvidence evidence(double nearest, double entropy, double score, Distribution calibrated,
            List<LabelScore> set, Double bald) {
        return new OddEvidence(policy.version(), nearest, entropy,
                calibrated == null ? null : Uncertainty.margin(calibrated), score,
                Double.isFinite(domainThreshold) ? domainThreshold : null,
                calibrated == null ? null : calibrated.confidence(), set, bald);
    }

    private static double nearestSimilarity(List<Neighbour> neighbours) {
        double best = -1;
        for (Neighbour n : neighbours) {
            best = Math.max(best, n.similarity());
        }
        return best;
    }

    private static String percent(double share) {
        return format("%s%%", new java.math.BigDecimal(share * 100).round(new java.math.MathContext(3))
                .stripTrailingZeros().toPlainString());
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
