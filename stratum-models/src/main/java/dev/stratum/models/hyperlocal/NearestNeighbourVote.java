package dev.stratum.models.hyperlocal;

import dev.stratum.api.models.Distribution;
import dev.stratum.api.store.Neighbour;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the nearest stored examples of a text into a distribution over the task's labels: each neighbour votes for
 * its label with weight {@code exp(similarity / temperature)}, and a pseudo-neighbour at {@code priorSimilarity}
 * spreads its weight evenly over all labels.
 *
 * <p>The pseudo-neighbour keeps the vote honest when the memory holds nothing close: a lone example at similarity
 * 0.3 does not make a 100 % vote, while one at 0.9 outweighs the prior by far. With no neighbours the vote is
 * uniform. Neighbours whose label is not in the label space are ignored.
 */
public final class NearestNeighbourVote {
    private final List<String> labels;
    private final Map<String, Integer> index;
    private final double temperature;
    private final double priorSimilarity;

    private NearestNeighbourVote(List<String> labels, double temperature, double priorSimilarity) {
        this.labels = List.copyOf(labels);
        this.index = new HashMap<>();
        for (String label : this.labels) {
            if (index.put(label, index.size()) != null) {
                throw new IllegalArgumentException("label '" + label + "' appears twice in the label space");
            }
        }
        this.temperature = temperature;
        this.priorSimilarity = priorSimilarity;
    }

    /** A vote over {@code labels} with the default temperature and prior of {@link HyperlocalConfig#DEFAULTS}. */
    public static NearestNeighbourVote create(List<String> labels) {
        return create(labels, HyperlocalConfig.DEFAULTS.voteTemperature(), HyperlocalConfig.DEFAULTS.priorSimilarity());
    }

    /**
     * A vote over {@code labels}.
     *
     * @param temperature how sharply closer neighbours win: a lead of {@code temperature} in similarity is a factor e
     * @param priorSimilarity the similarity of the uniform pseudo-neighbour; -1 switches it off
     */
    public static NearestNeighbourVote create(List<String> labels, double temperature, double priorSimilarity) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a vote needs at least one label");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("the vote temperature must be a positive number, got " + temperature);
        }
        if (!(priorSimilarity >= -1 && priorSimilarity <= 1)) {
            throw new IllegalArgumentException("the prior similarity must be between -1 (off) and 1, got "
                    + priorSimilarity);
        }
        return new NearestNeighbourVote(labels, temperature, priorSimilarity);
    }

    public List<String> labels() {
        return labels;
    }

    /** The vote of {@code neighbours}, in any order. */
    public Distribution vote(List<Neighbour> neighbours) {
        double[] mass = new double[labels.size()];
        // Weights are taken relative to the highest similarity involved, so that exp never overflows.
        double top = priorSimilarity;
        for (Neighbour n : neighbours) {
            top = Math.max(top, n.similarity());
        }
        double total = 0;
        for (Neighbour n : neighbours) {
            Integer c = index.get(n.label());
            if (c != null) {
                double w = Math.exp((n.similarity() - top) / temperature);
                mass[c] += w;
                total += w;
            }
        }
        double prior = priorSimilarity <= -1 && total > 0 ? 0 : Math.exp((priorSimilarity - top) / temperature);
        if (!(total + prior > 0)) {
            prior = 1; // nothing voted and the prior underflowed: uniform
        }
        double share = prior / mass.length;
        total += prior;
        for (int c = 0; c < mass.length; c++) {
            mass[c] = (mass[c] + share) / total;
        }
        return Distribution.of(labels, mass);
    }
}
