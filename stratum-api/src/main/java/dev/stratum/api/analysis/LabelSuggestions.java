package dev.stratum.api.analysis;

import java.util.List;

/**
 * Groups of out-of-scope, out-of-domain and rejected inputs that could become new labels.
 *
 * @param inputs how many such inputs were grouped
 * @param minSize the fewest members a group needs to be shown
 * @param cohesionThreshold how alike members must be: the median, over the task's labels, of the mean similarity
 *     between two examples of a label; null when the task has too few examples to say
 * @param message why there is nothing to show, or null
 */
public record LabelSuggestions(int inputs, int minSize, Double cohesionThreshold, List<CandidateLabel> candidates,
        String message) {
    public LabelSuggestions {
        candidates = List.copyOf(candidates);
    }
}
