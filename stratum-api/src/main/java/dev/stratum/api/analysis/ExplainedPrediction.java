package dev.stratum.api.analysis;

import dev.stratum.api.Layer;
import java.time.Instant;
import java.util.List;

/**
 * A stored prediction with what drives it: the nearest validated examples and each word's influence, so that a
 * reviewer can see a model answering from a shortcut (a name, a number, a template word) rather than the meaning.
 *
 * @param probability the predicted label's probability under the task's model now, which the word drops are measured
 *     against (the stored {@code confidence} came from the model that answered then)
 * @param words the words, most influential first; empty when the layer that answered cannot be asked again locally
 */
public record ExplainedPrediction(String predictionId, String text, String label, double confidence, Layer source,
        String modelVersion, Instant createdAt, double probability, List<NearExample> neighbours,
        List<WordInfluence> words) {
    public ExplainedPrediction {
        neighbours = List.copyOf(neighbours);
        words = List.copyOf(words);
    }
}
