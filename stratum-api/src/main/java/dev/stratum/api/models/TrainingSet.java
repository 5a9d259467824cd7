package dev.stratum.api.models;

import java.util.List;

/**
 * Embedded, labelled examples to train a head on.
 *
 * @param labels the label space, in a fixed order (a head may output labels with no examples at probability ~0)
 */
public record TrainingSet(List<float[]> x, List<String> y, List<String> labels) {
    public TrainingSet {
        if (x.size() != y.size()) {
            throw new IllegalArgumentException(x.size() + " vectors but " + y.size() + " labels");
        }
        x = List.copyOf(x);
        y = List.copyOf(y);
        labels = List.copyOf(labels);
    }

    public int size() {
        return x.size();
    }
}
