/**
 * Error analysis of a task's validated examples and predictions: {@link dev.stratum.learning.errors.LabelErrorFinder}
 * ranks every example by its out-of-fold loss, worst first, with the label the model would give it instead, and flags
 * the likely label errors by confident-learning thresholds; {@link dev.stratum.learning.errors.OutOfFoldConfusion}
 * counts which labels the out-of-fold model mixes up; {@link dev.stratum.learning.errors.ConflictingDuplicates} finds
 * near-identical examples with different labels; {@link dev.stratum.learning.errors.WordOcclusion} measures which
 * words drive a prediction; {@link dev.stratum.learning.errors.NewLabelGroups} groups unanswered inputs into candidate
 * new labels.
 */
package dev.stratum.learning.errors;
