package dev.stratum.odd.uncertainty;

import dev.stratum.api.LabelScore;
import dev.stratum.api.models.Distribution;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How uncertain one prediction is, measured on the mean of one or more predictive distributions.
 *
 * <p>The entropy of the mean splits into the mean entropy of the members (what each member finds ambiguous: aleatoric)
 * plus their mutual information with the model choice, BALD (Gal, Islam and Ghahramani 2017): how much the members
 * disagree (epistemic). A single model has no disagreement to measure, so its mutual information is 0.
 *
 * @param mean the mean predictive distribution of the members
 * @param entropy the entropy of {@code mean}, in nats: 0 when one label has all the mass, {@code ln(labels)} when
 *     every label has the same
 * @param margin the top probability of {@code mean} minus the second (1 with a single label)
 * @param mutualInformation BALD in nats: the entropy of the mean minus the mean entropy of the members, never below 0
 * @param members how many distributions were averaged
 */
public record Uncertainty(Distribution mean, double entropy, double margin, double mutualInformation, int members) {

    /** The uncertainty of a single model's prediction. */
    public static Uncertainty of(Distribution distribution) {
        return new Uncertainty(distribution, entropy(distribution), margin(distribution), 0, 1);
    }

    /** The uncertainty of an ensemble's prediction: {@code members} are its members' distributions for one input. */
    public static Uncertainty ofEnsemble(List<Distribution> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble prediction needs at least one member's distribution");
        }
        if (members.size() == 1) {
            return of(members.getFirst());
        }
        Map<String, Double> sum = new LinkedHashMap<>();
        double meanEntropy = 0;
        for (Distribution member : members) {
            for (LabelScore score : member.scores()) {
                sum.merge(score.label(), score.score(), Double::sum);
            }
            meanEntropy += entropy(member) / members.size();
        }
        Map<String, Double> meanByLabel = new HashMap<>();
        sum.forEach((label, total) -> meanByLabel.put(label, total / members.size()));
        Distribution mean = new Distribution(
                meanByLabel.entrySet().stream().map(e -> new LabelScore(e.getKey(), e.getValue())).toList());
        double entropy = entropy(mean);
        // Rounding can make the difference a hair negative when the members agree; it is 0 then.
        return new Uncertainty(mean, entropy, margin(mean), Math.max(0, entropy - meanEntropy), members.size());
    }

    /** The entropy of {@code distribution} in nats. */
    public static double entropy(Distribution distribution) {
        double h = 0;
        for (LabelScore score : distribution.scores()) {
            double p = score.score();
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** The top probability minus the second; 1 for a distribution over one label. */
    public static double margin(Distribution distribution) {
        List<LabelScore> top = distribution.top(2);
        return top.size() < 2 ? 1 : top.get(0).score() - top.get(1).score();
    }
}
