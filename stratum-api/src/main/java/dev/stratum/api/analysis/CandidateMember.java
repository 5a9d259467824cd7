package dev.stratum.api.analysis;

/**
 * An input in a group that could become a new label.
 *
 * @param origin why it is an input the task did not answer: {@code out_of_scope} (a reviewer said so),
 *     {@code out_of_domain} (the ODD check refused it) or {@code rejected} (feedback rejected the prediction)
 * @param predictionId its prediction, or null for a review item without one
 */
public record CandidateMember(String text, String origin, String predictionId) {}
