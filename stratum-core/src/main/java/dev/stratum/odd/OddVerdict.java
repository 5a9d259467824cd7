package dev.stratum.odd;

import dev.stratum.api.LabelScore;
import dev.stratum.api.odd.OddAction;
import dev.stratum.api.odd.OddRule;
import java.util.List;
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
