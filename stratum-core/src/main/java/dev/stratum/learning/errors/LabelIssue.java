package dev.stratum.learning.errors;

/**
 * One validated example as the label-error finder sees it.
 *
 * @param index the example's position in the examples given to the finder
 * @param givenLabel the label the example carries
 * @param suggestedLabel the label the out-of-fold model finds likeliest other than {@code givenLabel}, the one a
 *     reviewer would most likely change it to
 * @param loss the out-of-fold cross-entropy of {@code givenLabel}: {@code -ln p(givenLabel)}, in nats, the
 *     probability floored at 1e-12; high when a model that never saw the example finds its label unlikely
 * @param givenProbability the out-of-fold probability of {@code givenLabel}
 * @param suggestedProbability the out-of-fold probability of {@code suggestedLabel}
 * @param flagged whether confident learning counts it as a label error: the suggested label's probability reaches
 *     that label's threshold (see {@link LabelErrors#thresholds()}) and exceeds the given label's
 */
public record LabelIssue(int index, String givenLabel, String suggestedLabel, double loss, double givenProbability,
        double suggestedProbability, boolean flagged) {}
