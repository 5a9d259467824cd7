package dev.stratum.api.analysis;

/**
 * A validated example as the out-of-fold analysis sees it: how unlikely its label is to a model that never saw it.
 *
 * @param loss {@code -ln p(label)} out of fold, in nats: high when the label looks wrong
 * @param suggestedLabel the likeliest other label, the one a reviewer would most likely change it to
 * @param flagged whether confident learning counts it as a label error
 * @param confirmed whether a person confirmed its label since
 */
public record SuspectExample(long exampleId, String text, String label, String suggestedLabel, double loss,
        double labelProbability, double suggestedProbability, boolean flagged, boolean confirmed) {}
