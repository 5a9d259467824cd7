package dev.stratum.api.analysis;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * Near-duplicate examples with different labels: at least one of each pair is likely wrong, or the taxonomy cannot
 * tell them apart.
 *
 * @param threshold the cosine similarity from which the hyperlocal model takes two texts to be the same
 * @param found how many such pairs there are; {@code pairs} holds the most similar of them
 */
public record DuplicateConflicts(@JsonUnwrapped AnalysisRun run, double threshold, int found,
        List<DuplicatePair> pairs) {
    public DuplicateConflicts {
        pairs = List.copyOf(pairs);
    }
}
