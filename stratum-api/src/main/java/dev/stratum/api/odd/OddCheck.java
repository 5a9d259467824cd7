package dev.stratum.api.odd;

import dev.stratum.api.LabelScore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a prediction's check against its task's {@link OddPolicy} found: inside the operational design domain, or the
 * rule it broke, what the policy did about it and why, in words an application can show as they are.
 *
 * @param inside every rule passed: the label may be used
 * @param rule the rule that failed, or null when inside
 * @param action what the policy did: abstained, routed the item to review, or let another layer answer (fallback);
 *     null when inside
 * @param reason why, for people; null when inside
 * @param candidates the labels that remain plausible at the policy's coverage (the conformal prediction set), best
 *     first; empty when the input itself was refused
 * @param policyVersion the version of the policy the prediction was checked against
 * @param reviewItemId the review item a person will answer, when the action was {@code review}
 * @param evidence the numbers behind the verdict, by name ({@code nearest_similarity}, {@code entropy},
 *     {@code margin}, {@code ood_score}, {@code ood_threshold}, {@code calibrated_confidence}); those that were not
 *     measured are absent
 */
public record OddCheck(boolean inside, OddRule rule, OddAction action, String reason, List<LabelScore> candidates,
        int policyVersion, String reviewItemId, Map<String, Double> evidence) {
    public OddCheck {
        candidates = List.copyOf(candidates == null ? List.of() : candidates);
        Map<String, Double> measured = new LinkedHashMap<>();
        if (evidence != null) {
            evidence.forEach((name, value) -> {
                if (value != null) {
                    measured.put(name, value);
                }
            });
        }
        evidence = Collections.unmodifiableMap(measured);
        if (inside != (rule == null)) {
            throw new IllegalArgumentException("a check names the failed rule exactly when it is not inside");
        }
        if (!inside) {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The same check, routed to the review item {@code id}. */
    public OddCheck withReviewItem(String id) {
        return new OddCheck(inside, rule, action, reason, candidates, policyVersion, id, evidence);
    }
}
