package dev.stratum.api.analysis;

/** An example whose out-of-fold prediction is another label than its own. */
public record ConfusedExample(long exampleId, String text, String label, String predictedLabel,
        double predictedProbability) {}
