package dev.stratum.odd;

import dev.stratum.api.LabelScore;
import java.util.List;

/**
 * The numbers an {@link OddGuard} measured on one prediction, for logs, dashboards and review queues. A value is null
 * when the check stopped before measuring it (an input too long is not scored).
 *
 * @param policyVersion the version of the policy the prediction was checked against
 * @param nearestSimilarity cosine similarity to the nearest validated example
 * @param entropy entropy of the model's distribution, in nats
 * @param margin top probability minus the second, after calibration
 * @param domainScore the out-of-domain score (higher is further out; about 0 for typical in-domain inputs)
 * @param domainThreshold the score above which the input is refused
 * @param calibratedConfidence the top label's probability after temperature scaling
 * @param predictionSet the conformal prediction set at the policy's coverage, best first
 * @param mutualInformation BALD of the ensemble the caller passed, in nats; null without one
 */
public record OddEvidence(int policyVersion, Double nearestSimilarity, Double entropy, Double margin,
        Double domainScore, Double domainThreshold, Double calibratedConfidence, List<LabelScore> predictionSet,
        Double mutualInformation) {
    public OddEvidence {
        predictionSet = predictionSet == null ? List.of() : List.copyOf(predictionSet);
    }

    static OddEvidence none(int policyVersion) {
        return new OddEvidence(policyVersion, null, null, null, null, null, null, List.of(), null);
    }
}
