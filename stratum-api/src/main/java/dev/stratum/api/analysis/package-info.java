/**
 * Error analysis of a task: what its background out-of-fold analysis found ({@link
 * dev.stratum.api.analysis.LabelLosses}, {@link dev.stratum.api.analysis.ConfusionSummary}, {@link
 * dev.stratum.api.analysis.DuplicateConflicts}), what explains its most confident predictions, which rejected inputs
 * could make a new label, and the two actions a reviewer takes on a suspected label error: fix it or confirm it. The
 * operations are {@link dev.stratum.api.analysis.ErrorAnalysisService}.
 */
package dev.stratum.api.analysis;
