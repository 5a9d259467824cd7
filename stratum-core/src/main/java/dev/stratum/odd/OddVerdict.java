package dev.stratum.odd;

import dev.stratum.api.LabelScore;
import dev.stratum.api.odd.OddAction;
import dev.stratum.api.odd.OddCheck;
import dev.stratum.api.odd.OddRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link OddGuard} decided about one prediction: inside the operational design domain and answered, or
 * outside it, with the rule that failed, what the policy says to do, and a reason an application can show as it is.
 */
public sealed interface OddVerdict {
    OddEvidence evidence();

    /** Whether the answer may leave Stratum. */
    default boolean inside() {
        return this instanceof Answered;
    }

    /** The verdict as a prediction carries it. */
    default OddCheck check() {
        OddEvidence e = evidence();
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("nearest_similarity", e.nearestSimilarity());
        numbers.put("entropy", e.entropy());
        numbers.put("margin", e.margin());
        numbers.put("ood_score", e.domainScore());
        numbers.put("ood_threshold", e.domainThreshold());
        numbers.put("calibrated_confidence", e.calibratedConfidence());
        numbers.put("mutual_information", e.mutualInformation());
        return switch (this) {
            case Answered a -> new OddCheck(true, null, null, null, e.predictionSet(), e.policyVersion(), null,
                    numbers);
            case Abstained a -> new OddCheck(false, a.rule(), a.action(), a.reason(), a.candidates(),
                    e.policyVersion(), null, numbers);
            case Refused r -> new OddCheck(false, r.rule(), r.action(), r.reason(), List.of(), e.policyVersion(), null,
                    numbers);
        };
    }

    /** Every rule passed: the model's label goes out, with its calibrated probability. */
    record Answered(String label, double confidence, OddEvidence evidence) implements OddVerdict {
        public Answered {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(evidence, "evidence");
        }
    }

    /**
     * The input is in the domain but the answer is not safe to give: the candidates are the labels that remain
     * plausible (the conformal prediction set), best first, for a person or the application to choose from.
     */
    record Abstained(OddRule rule, OddAction action, String reason, List<LabelScore> candidates,
            OddEvidence evidence) implements OddVerdict {
        public Abstained {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(evidence, "evidence");
            candidates = List.copyOf(candidates);
        }
    }

    /** The input itself is outside the domain (too long, or unlike the task's data): no label is offered. */
    record Refused(OddRule rule, OddAction action, String reason, OddEvidence evidence) implements OddVerdict {
        public Refused {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(evidence, "evidence");
        }
    }
}
