package dev.stratum.models.hyperlocal;

/**
 * How {@link HyperlocalModel} consults its memory and blends it with the trained head.
 *
 * @param k how many nearest examples vote
 * @param voteTemperature see {@link NearestNeighbourVote#create(java.util.List, double, double)}
 * @param priorSimilarity the similarity of the vote's uniform pseudo-neighbour; -1 switches it off
 * @param headWeight the head's share of the blend {@code headWeight * head + (1 - headWeight) * vote}
 * @param duplicateSimilarity from this similarity on, the nearest example counts as the same text and the vote
 *     alone answers, so that feedback takes effect the moment it is stored; above 1 switches the rule off
 */
public record HyperlocalConfig(
        int k, double voteTemperature, double priorSimilarity, double headWeight, double duplicateSimilarity) {

    /** Defaults for data never seen before; how they were chosen is in {@link HyperlocalModel}. */
    public static final HyperlocalConfig DEFAULTS = new HyperlocalConfig(10, 0.02, 0.6, 0.5, 0.985);

    public HyperlocalConfig {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (!(voteTemperature > 0) || Double.isInfinite(voteTemperature)) {
            throw new IllegalArgumentException("vote_temperature must be a positive number, got " + voteTemperature);
        }
        if (!(priorSimilarity >= -1 && priorSimilarity <= 1)) {
            throw new IllegalArgumentException(
                    "prior_similarity must be between -1 (off) and 1, got " + priorSimilarity);
        }
        if (!(headWeight >= 0 && headWeight <= 1)) {
            throw new IllegalArgumentException("head_weight must be between 0 and 1, got " + headWeight);
        }
        if (!(duplicateSimilarity > 0) || Double.isInfinite(duplicateSimilarity)) {
            throw new IllegalArgumentException("duplicate_similarity must be a positive number, got "
                    + duplicateSimilarity + "; a value above 1 switches the duplicate rule off");
        }
    }
}
