package dev.stratum.api.analysis;

import java.util.Set;

/**
 * Error analysis of a task's validated examples and predictions: where labels are likely wrong, where the model
 * confuses labels or leans on shortcuts, and what the task is asked that it has no label for. The lists that need
 * out-of-fold predictions ({@link #losses}, {@link #confusion}, {@link #duplicates}) come from a background analysis
 * that runs once per model version and data fingerprint: asking starts it, and answers say how far it has got.
 */
public interface ErrorAnalysisService {
    /** Examples by out-of-fold loss, worst first. */
    LabelLosses losses(String taskId, int offset, int limit, boolean includeConfirmed);

    /** The out-of-fold confusion matrix and the {@code pairs} most confused label pairs. */
    ConfusionSummary confusion(String taskId, int pairs);

    /** Up to {@code limit} near-duplicate example pairs with different labels, most similar first. */
    DuplicateConflicts duplicates(String taskId, int limit);

    /** The {@code limit} most confident of the task's recent answered predictions, each explained. */
    ConfidentPredictions confidentPredictions(String taskId, int limit);

    /** Groups of at least {@code minSize} unanswered inputs that could become new labels. */
    LabelSuggestions labelSuggestions(String taskId, int minSize);

    /** Corrects an example's label; see {@link LabelFix}. */
    LabelFix fixLabel(String taskId, long exampleId, String label, String reviewer);

    /** Confirms an example's label as it is. */
    ExampleConfirmation confirm(String taskId, long exampleId, String reviewer);

    /**
     * The ids of the examples the latest finished analysis flags as label errors that nobody has confirmed or fixed
     * since: what an export for training elsewhere should leave out. Empty when no analysis has finished.
     */
    Set<Long> unconfirmedSuspects(String taskId);
}
